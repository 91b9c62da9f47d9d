using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>
/// A grant's frequency reaches the index entry that decides, as the writer leaves it and as the next open loads it from
/// the state table; the latest record at a key replaces it, and a withdrawal carries none.
/// </summary>
public sealed class FrequencyIndexTests : IDisposable
{
    private static readonly FrequencyCap ThreeAWeek = new(3, FrequencyPeriod.Week);

    private readonly TempStore _temp = new();
    private readonly SqliteStore _store;
    private readonly ConsentIndex _index;
    private readonly ConsentWriter _writer;

    public FrequencyIndexTests()
    {
        _store = SqliteStore.Open(_temp.DatabasePath, Durability.Full);
        var symbols = new SymbolTable();
        _index = IndexLoader.Load(_store.Writer, symbols);
        _writer = new ConsentWriter(_store, _index, symbols, TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task A_grants_cap_is_in_the_entry_that_decides_after_the_write_and_after_a_reload()
    {
        await Merge(Event("ana", 0, ConsentChoice.Granted, ThreeAWeek), Event("bo", 0, ConsentChoice.Granted, frequency: null));

        IndexEntry ana = _index.Get("ana")!.Single();
        ana.Frequency.Should().Be(ThreeAWeek);
        ana.PackedFrequency.Should().Be(ThreeAWeek.Pack());
        _index.Get("bo")!.Single().Frequency.Should().BeNull();
        _index.Get("bo")!.Single().PackedFrequency.Should().Be(0);

        Close();
        ConsentIndex loaded = IndexLoader.Load(_temp.DatabasePath, new SymbolTable());
        loaded.Get("ana")!.Single().Frequency.Should().Be(ThreeAWeek);
        loaded.Get("bo")!.Single().Frequency.Should().BeNull();
        StateFrequency("ana").Should().Be(ThreeAWeek.Pack());
        StateFrequency("bo").Should().Be(0);
    }

    [Fact]
    public async Task A_later_record_replaces_the_cap_an_earlier_one_arriving_later_does_not_and_a_withdrawal_clears_it()
    {
        var daily = new FrequencyCap(1, FrequencyPeriod.Day);
        await Merge(Event("cy", 10, ConsentChoice.Granted, ThreeAWeek));
        await Merge(Event("cy", 5, ConsentChoice.Granted, daily));

        _index.Get("cy")!.Single().Frequency.Should().Be(ThreeAWeek, "the record of second 5 is older than the one that decides");

        await Merge(Event("cy", 20, ConsentChoice.Granted, daily));
        _index.Get("cy")!.Single().Frequency.Should().Be(daily);
        StateFrequency("cy").Should().Be(daily.Pack());

        await Merge(Event("cy", 30, ConsentChoice.Withdrawn, frequency: null));
        _index.Get("cy")!.Single().Frequency.Should().BeNull();
        StateFrequency("cy").Should().Be(0);

        Close();
        IndexLoader.Load(_temp.DatabasePath, new SymbolTable()).Get("cy")!.Single().Frequency.Should().BeNull();
    }

    public void Dispose()
    {
        Close();
        _temp.Dispose();
    }

    private bool _closed;

    private void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _writer.DrainAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        _writer.Dispose();
        _store.Dispose();
    }

    private Task<MergeResult> Merge(params StoredEvent[] events) =>
        _writer.SubmitAsync(new MergeOperation(events, [], "c"), CancellationToken.None);

    private long StateFrequency(string user)
    {
        using var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT frequency FROM state WHERE user_id = $user AND purpose = 'marketing'";
        command.Parameters.AddWithValue("$user", user);
        return (long)command.ExecuteScalar()!;
    }

    private static StoredEvent Event(string user, int second, ConsentChoice choice, FrequencyCap? frequency) =>
        StoredEvents.Choice(user, second, choice, frequency);
}
