using Cpm.Sdk.Testing.Shared;
using Cpm.Sdk.IntegrationTests.Store;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Preferences;

/// <summary>
/// Reservations go through pooled store operations, reused from one call to the next: a cancelled
/// <see cref="CpmClient.ReserveAsync"/> counts nothing and writes nothing, and every one that returned is counted and
/// stored under its own id, while cancellations race the queue, the writer and the reuse of the operations.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class ReserveCancellationTests
{
    private const int People = 3_000;
    private const int Rounds = 2;

    [Fact]
    public async Task Cancellations_racing_commits_never_count_or_store_a_cancelled_reservation()
    {
        using var store = new TempStore();
        var calls = new Task<SendDecision>[People * Rounds];
        var after = new List<Guid>();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using (CpmClient cpm = await store.OpenAsync(clock, o => o.FrequencyRules.Add(new FrequencyRule("sms", Rounds, FrequencyPeriod.Month))))
        {
            await Task.WhenAll(Enumerable.Range(0, People).Select(i => cpm.RecordAsync(new ConsentCapture(User(i), "marketing", "*", ConsentChoice.Granted)).AsTask()));
            var sources = Enumerable.Range(0, calls.Length).Select(_ => new CancellationTokenSource()).ToArray();

            calls = await CancellationRace.RunAsync(sources, (i, token) => cpm.ReserveAsync(User(i % People), "marketing", "sms", token).AsTask());

            calls.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException).Should().BeEmpty("a call either returns or is cancelled");
            calls.Should().Contain(c => c.IsCanceled).And.Contain(c => c.IsCompletedSuccessfully);
            calls.Where((_, i) => i % 3 == 0).Should().OnlyContain(
                c => c.IsCompletedSuccessfully, "a call whose token was never cancelled is never cancelled by another call's token");
            calls.Where(c => c.IsCompletedSuccessfully).Should().OnlyContain(c => c.Result.IsAllowed, "the cap leaves room for every call");
            SendDecision[] next = await Task.WhenAll(Enumerable.Range(0, People).Select(i => cpm.ReserveAsync(User(i), "marketing", "sms").AsTask()));
            for (int i = 0; i < People; i++)
            {
                int counted = Enumerable.Range(0, Rounds).Count(round => calls[(round * People) + i].IsCompletedSuccessfully);
                next[i].IsAllowed.Should().Be(counted < Rounds, $"{User(i)} had {counted} reservations return: only those count");
            }

            after.AddRange(next.Where(d => d.IsAllowed).Select(d => d.ReservationId!.Value));
            sources.ToList().ForEach(s => s.Dispose());
        }

        List<Guid> returned = [.. calls.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result.ReservationId!.Value)];
        // Sorted and compared in order: an equivalence match of thousands of items would take minutes.
        SendGuardTests.LedgerRows(store.DatabasePath).Order().Should().Equal(
            returned.Concat(after).Order(), "the store holds every reservation that returned, under the id it returned, and nothing else");
    }

    private static string User(int i) => $"reserve-{i}";
}
