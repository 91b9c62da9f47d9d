using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// Closing a client under load: a drain that runs out of time fails only the writes it never made, lets the commit in
/// flight finish, and never throws. A caller told "success" has its event, state and outbox row; a caller told
/// "failed" has nothing in the store.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class ShutdownTests
{
    private const int Calls = 30_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Disposing_with_a_1_ms_deadline_under_30000_concurrent_records_tells_every_caller_the_truth()
    {
        using var store = new TempStore();
        CpmClient cpm = await store.OpenAsync(configure: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(1));
        Task<ConsentRecord>[] calls = Record(cpm, Calls);

        await Task.WhenAny(calls);
        await FluentActions.Awaiting(() => cpm.DisposeAsync().AsTask()).Should().NotThrowAsync("closing never throws");

        await AssertEveryCallerToldTheTruth(store, calls);
    }

    [Fact]
    public async Task A_commit_in_flight_when_the_deadline_passes_finishes_and_only_the_queued_writes_fail()
    {
        using var store = new TempStore();
        CpmClient cpm = await store.OpenAsync(configure: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(1));

        // Another connection holds the write lock, so the writer's next commit stalls in flight until it is released.
        using var blocker = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        blocker.Open();
        using SqliteTransaction hold = blocker.BeginTransaction();
        Task<ConsentRecord>[] calls = Record(cpm, Calls);
        Task closing = cpm.DisposeAsync().AsTask();
        await SyncHarness.EventuallyAsync(
            () => calls.Count(c => c.IsFaulted) >= Calls - ConsentWriter.MaxBatch, Deadline, "everything but the batch in flight fails at the deadline");
        closing.IsCompleted.Should().BeFalse("closing waits for the commit in flight instead of pulling the connection from under it");
        hold.Rollback();

        await FluentActions.Awaiting(() => closing).Should().NotThrowAsync("closing never throws");
        blocker.Close(); // last to close: it checkpoints the write-ahead log into the file
        await AssertEveryCallerToldTheTruth(store, calls);
        calls.Count(c => c.IsCompletedSuccessfully).Should().BeInRange(1, ConsentWriter.MaxBatch, "exactly the batch in flight committed");
    }

    [Fact]
    public async Task Dispose_after_a_timed_out_drain_closes_the_store_so_it_reopens_at_once()
    {
        using var store = new TempStore();
        CpmClient cpm = await store.OpenAsync(configure: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(1));
        Task<ConsentRecord>[] calls = Record(cpm, 5_000);
        await Task.WhenAny(calls);

        FluentActions.Invoking(cpm.Dispose).Should().NotThrow();
        FluentActions.Invoking(cpm.Dispose).Should().NotThrow("a second dispose is a no-op");

        await using CpmClient reopened = await store.OpenAsync();
        await SyncHarness.EventuallyAsync(() => calls.All(c => c.IsCompleted), Deadline, "every caller is answered");
        ConsentRecord[] committed = [.. calls.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result)];
        reopened.Status.OutboxDepth.Should().Be(committed.Length);
        committed.Should().OnlyContain(r => reopened.CanUse(r.UserId, "marketing", "sms"));
    }

    private static Task<ConsentRecord>[] Record(CpmClient cpm, int count)
    {
        var calls = new Task<ConsentRecord>[count];
        for (int i = 0; i < count; i++)
        {
            calls[i] = cpm.RecordAsync(new ConsentCapture($"closing-{i}", "marketing", "sms", ConsentChoice.Granted)).AsTask();
        }

        return calls;
    }

    private static async Task AssertEveryCallerToldTheTruth(TempStore store, Task<ConsentRecord>[] calls)
    {
        await SyncHarness.EventuallyAsync(() => calls.All(c => c.IsCompleted), Deadline, "every caller is answered");
        var acknowledged = calls.Where(c => c.IsCompletedSuccessfully).ToDictionary(c => c.Result.Id, c => c.Result.UserId);
        Exception[] failures = [.. calls.Where(c => !c.IsCompletedSuccessfully).Select(c => c.Exception!.InnerException!)];
        // On a fast, idle machine every write may commit before the deadline: then no caller fails, which is also the truth.
        foreach (Exception failure in failures)
        {
            failure.Should().BeOfType<ObjectDisposedException>().Which.Message.Should().Contain("nothing was written");
        }

        Directory.GetFiles(store.Directory, "*-wal").Should().BeEmpty("the store was closed cleanly");

        // Sets, not BeEquivalentTo: tens of thousands of items.
        Dictionary<Guid, string> events = StoreFile.Events(store.DatabasePath);
        events.Keys.Except(acknowledged.Keys).Should().BeEmpty("a caller told \"failed\" has nothing in the store");
        acknowledged.Keys.Except(events.Keys).Should().BeEmpty("every acknowledged record is in events");
        acknowledged.Should().OnlyContain(a => events[a.Key] == a.Value);
        StoreFile.OutboxIds(store.DatabasePath).SetEquals(acknowledged.Keys).Should().BeTrue("every acknowledged record, and only those, is queued for sync");
        StoreFile.StateUsers(store.DatabasePath).Where(u => u.StartsWith("closing-", StringComparison.Ordinal))
            .ToHashSet().SetEquals(acknowledged.Values).Should().BeTrue("every acknowledged record, and only those, is in the state");
    }
}
