using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// A cancelled <see cref="CpmClient.RecordAsync"/> never commits after telling its caller it was cancelled: a caller
/// that retries after <see cref="OperationCanceledException"/> must not create a duplicate.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class CancellationTests
{
    private const int Calls = 6_000;

    [Fact]
    public async Task Cancellations_racing_commits_never_leave_a_cancelled_record_in_the_store()
    {
        using var store = new TempStore();
        var sources = Enumerable.Range(0, Calls).Select(_ => new CancellationTokenSource()).ToArray();
        var calls = new Task<ConsentRecord>[Calls];
        await using (CpmClient cpm = await store.OpenAsync())
        {
            // Two of every three calls get cancelled, in random order, by a canceller that runs while the calls are
            // being queued, taken and committed: some are cancelled before they are queued, some while queued, some
            // after the writer took them.
            var order = Enumerable.Range(0, Calls).Where(i => i % 3 != 0).ToArray();
            new Random(42).Shuffle(order);
            using var started = new SemaphoreSlim(0);
            Task canceller = Task.Run(async () =>
            {
                await started.WaitAsync();
                for (int k = 0; k < order.Length; k++)
                {
                    await sources[order[k]].CancelAsync();
                    if (k % 64 == 0)
                    {
                        await Task.Yield();
                    }
                }
            });

            for (int i = 0; i < Calls; i++)
            {
                calls[i] = cpm.RecordAsync(Capture(i), sources[i].Token).AsTask();
                if (i == Calls / 10)
                {
                    started.Release();
                }
            }

            await canceller;
            await Task.WhenAll(calls.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));

            calls.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException).Should().BeEmpty("a call either returns or is cancelled");
            calls.Should().Contain(c => c.IsCanceled).And.Contain(c => c.IsCompletedSuccessfully);
            for (int i = 0; i < Calls; i++)
            {
                cpm.CanUse(User(i), "marketing", "sms").Should().Be(calls[i].IsCompletedSuccessfully, $"call {i} {calls[i].Status}");
            }
        }

        Dictionary<Guid, string> events = StoreFile.Events(store.DatabasePath);
        var returned = calls.Where(c => c.IsCompletedSuccessfully).ToDictionary(c => c.Result.Id, c => c.Result.UserId);
        HashSet<string> cancelledUsers = [.. Enumerable.Range(0, Calls).Where(i => calls[i].IsCanceled).Select(User)];
        events.Values.Where(cancelledUsers.Contains).Should().BeEmpty("a call that threw OperationCanceledException wrote nothing");
        returned.Keys.Except(events.Keys).Should().BeEmpty("every call that returned is in the store, with the id it returned");
        events.Keys.Except(returned.Keys).Should().BeEmpty("nothing else is");
        sources.ToList().ForEach(s => s.Dispose());
    }

    private static string User(int i) => $"cancel-{i}";

    private static ConsentCapture Capture(int i) => new(User(i), "marketing", "sms", ConsentChoice.Granted);
}
