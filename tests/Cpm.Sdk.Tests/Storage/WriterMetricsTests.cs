using System.Diagnostics.Metrics;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>The meter's listeners are process-wide: these tests run alone so no other writer adds to what they count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeterTests
{
    public const string Name = "Meter";
}

/// <summary>
/// <c>cpm.records.committed</c> counts events written, <c>cpm.writer.batch_size</c> operations per transaction, and a
/// batch that changes nothing costs no commit: a pull that found nothing leaves the write-ahead log as it was.
/// </summary>
[Collection(MeterTests.Name)]
public sealed class WriterMetricsTests : IDisposable
{
    private readonly TempStore _temp = new();
    private readonly SqliteStore _store;
    private readonly ConsentWriter _writer;
    private readonly MeterListener _listener = new();
    private long _recordsCommitted;
    private int _batches;
    private long _operations;

    public WriterMetricsTests()
    {
        _store = SqliteStore.Open(_temp.DatabasePath, Durability.Full);
        var symbols = new SymbolTable();
        _writer = new ConsentWriter(_store, IndexLoader.Load(_store.Writer, symbols), symbols, TimeProvider.System, NullLogger.Instance);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Cpm.Sdk" && instrument.Name is "cpm.records.committed" or "cpm.writer.batch_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _recordsCommitted, value));
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _operations, value);
        });
        _listener.Start();
    }

    [Fact]
    public async Task Records_committed_counts_the_events_a_merge_inserted_not_the_operation()
    {
        StoredEvent[] first = [Event("a", 0), Event("b", 1)];
        await Merge([.. first], "c1");
        await Merge([.. first, Event("c", 2), Event("d", 3), Event("e", 4)], "c2"); // two duplicates, three new

        Interlocked.Read(ref _recordsCommitted).Should().Be(5, "five distinct events were written");
        _batches.Should().Be(2);
        Interlocked.Read(ref _operations).Should().Be(2, "batch_size stays operations per transaction");
    }

    [Fact]
    public async Task A_pull_that_found_nothing_writes_nothing_and_counts_no_commit()
    {
        StoredEvent a = Event("a", 0);
        await Merge([a], "c1");
        long walBefore = new FileInfo(_temp.DatabasePath + "-wal").Length;
        (int, long) before = (_batches, Interlocked.Read(ref _recordsCommitted));

        await Merge([], "c1");
        await Merge([a], "c1"); // only an event already stored, and the same cursor

        new FileInfo(_temp.DatabasePath + "-wal").Length.Should().Be(walBefore, "no frame was appended: no commit, no fsync");
        (_batches, Interlocked.Read(ref _recordsCommitted)).Should().Be(before);

        await Merge([], "c2");
        new FileInfo(_temp.DatabasePath + "-wal").Length.Should().BeGreaterThan(walBefore, "a new cursor is a change and is committed");
        StoreFileCursor().Should().Be("c2");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _writer.DrainAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        _writer.Dispose();
        _store.Dispose();
        _temp.Dispose();
    }

    private Task<MergeResult> Merge(IReadOnlyList<StoredEvent> events, string cursor) =>
        _writer.SubmitAsync(new MergeOperation(events, [], cursor), CancellationToken.None);

    private string? StoreFileCursor()
    {
        using Microsoft.Data.Sqlite.SqliteConnection reader = _store.OpenReader();
        using Microsoft.Data.Sqlite.SqliteCommand command = reader.CreateCommand();
        command.CommandText = "SELECT value FROM sync_state WHERE key = 'cursor'";
        return command.ExecuteScalar() as string;
    }

    private static StoredEvent Event(string user, int second) => StoredEvents.Choice(user, second);
}
