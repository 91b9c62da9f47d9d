using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>
/// The writer tells its listeners after each commit (the outbox grew, withdrawals applied); a listener that throws is
/// logged and never stops the writer: the write it followed succeeds, and so does every later one.
/// </summary>
public sealed class WriterListenerTests : IDisposable
{
    private readonly TempStore _temp = new();
    private readonly SqliteStore _store;
    private readonly ConsentWriter _writer;

    public WriterListenerTests()
    {
        _store = SqliteStore.Open(_temp.DatabasePath, Durability.Full);
        var symbols = new SymbolTable();
        _writer = new ConsentWriter(_store, IndexLoader.Load(_store.Writer, symbols), symbols, TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task Listeners_hear_each_commit_and_one_that_throws_stops_nothing()
    {
        var grew = 0;
        var withdrawn = new List<string>();
        _writer.OutboxGrew += () => grew++;
        _writer.OutboxGrew += () => throw new InvalidOperationException("listener bug");
        _writer.Withdrew += withdrawals => withdrawn.AddRange(withdrawals.Select(w => w.Purpose));
        _writer.Withdrew += _ => throw new InvalidOperationException("listener bug");

        await Record("alice", ConsentChoice.Granted, 0);
        await Record("alice", ConsentChoice.Withdrawn, 1);
        await Record("bob", ConsentChoice.Withdrawn, 2);

        grew.Should().Be(3, "one event per commit that queued something");
        withdrawn.Should().Equal("marketing", "marketing");
        _writer.OutboxDepth.Should().Be(3, "every write committed");
    }

    [Fact]
    public async Task A_commit_that_queued_nothing_for_the_outbox_raises_no_outbox_event()
    {
        var grew = 0;
        _writer.OutboxGrew += () => grew++;

        await Record("alice", ConsentChoice.Granted, 0);
        await _writer.SubmitAsync(new MergeOperation([], [], "c1"), CancellationToken.None);

        grew.Should().Be(1);
    }

    public void Dispose()
    {
        _writer.DrainAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        _writer.Dispose();
        _store.Dispose();
        _temp.Dispose();
    }

    private Task<ConsentRecord> Record(string user, ConsentChoice choice, int second) =>
        _writer.SubmitAsync(new RecordOperation(StoredEvents.Choice(user, second, choice, origin: "here")), CancellationToken.None);
}
