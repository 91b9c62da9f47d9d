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
            calls = await CancellationRace.RunAsync(sources, (i, token) => cpm.RecordAsync(Capture(i), token).AsTask());

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
