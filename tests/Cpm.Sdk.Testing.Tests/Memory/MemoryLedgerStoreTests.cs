using Cpm.Sdk.Testing.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Testing.Tests.Memory;

/// <summary>The double's ledger: what the guard's daily sweep prunes, as the store's <c>send_ledger</c> prunes it.</summary>
public sealed class MemoryLedgerStoreTests
{
    [Fact]
    public async Task Prune_drops_the_held_reservations_made_before_the_horizon_only_and_keeps_the_list()
    {
        var ledger = new MemoryLedgerStore(new FakeTimeProvider(TestConsent.DefaultStart));
        long horizonMs = TestConsent.DefaultStart.ToUnixTimeMilliseconds();
        Guid before = Guid.CreateVersion7(), at = Guid.CreateVersion7(), after = Guid.CreateVersion7();
        await ledger.ReserveAsync(before, "u", "marketing", "sms", horizonMs - 1, CancellationToken.None);
        await ledger.ReserveAsync(at, "u", "marketing", "sms", horizonMs, CancellationToken.None);
        await ledger.ReserveAsync(after, "v", "marketing", "sms", horizonMs + 1, CancellationToken.None);

        await ledger.PruneAsync(horizonMs);

        // A release finds what is still held; the times all still count here, so only the pruning decides.
        (await ledger.ReleaseAsync(before, _ => true, CancellationToken.None)).Should().BeNull("made before the horizon: pruned");
        (await ledger.ReleaseAsync(at, _ => true, CancellationToken.None)).Should().Be("u", "made at the horizon: kept");
        (await ledger.ReleaseAsync(after, _ => true, CancellationToken.None)).Should().Be("v");
        ledger.Reservations.Select(r => (r.Id, r.IsReleased)).Should().Equal((before, false), (at, true), (after, true));
    }
}
