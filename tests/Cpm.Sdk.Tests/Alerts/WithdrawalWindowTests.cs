using Cpm.Sdk.Alerts;

namespace Cpm.Sdk.Tests.Alerts;

/// <summary>
/// The sliding window of the mass-withdrawal alert, on its own: its edges (a withdrawal exactly one window old has left
/// it), withdrawals dated ahead of now, purposes interned past the first table, and clocks before 1970.
/// </summary>
public sealed class WithdrawalWindowTests
{
    /// <summary>A 60-second window slides in steps of one second.</summary>
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private const long Now = 1_800_000_000_000;   // 2027-01-15, on a whole second

    [Fact]
    public void A_withdrawal_counts_from_the_step_it_occurred_in_until_a_whole_window_later()
    {
        var window = new WithdrawalWindow(Minute);
        window.Add(1, "marketing", Now - 60_000, Now);   // exactly a window ago: already out
        window.Find("marketing").Should().BeNull("a withdrawal before the window is not counted at all");

        window.Add(1, "marketing", Now - 59_000, Now);
        window.Add(1, "marketing", Now, Now);
        window.CountAt(PurposeCounts(window), Now).Should().Be(2);
        window.CountAt(PurposeCounts(window), Now + 999).Should().Be(2, "the window slides by whole steps");
        window.CountAt(PurposeCounts(window), Now + 1_000).Should().Be(1, "the older one is a whole window old");
        window.CountAt(PurposeCounts(window), Now + 59_999).Should().Be(1);
        window.CountAt(PurposeCounts(window), Now + 60_000).Should().Be(0);
        window.CountAt(PurposeCounts(window), Now - 60_000).Should().Be(0, "a window that ended before both holds neither");
    }

    [Fact]
    public void A_withdrawal_dated_after_now_counts_as_now_and_a_slot_reused_a_window_later_starts_from_zero()
    {
        var window = new WithdrawalWindow(Minute);
        window.Add(1, "marketing", Now + 3_600_000, Now);   // another instance's clock runs an hour ahead
        window.CountAt(PurposeCounts(window), Now).Should().Be(1);
        window.CountAt(PurposeCounts(window), Now + 60_000).Should().Be(0, "it counted as now, so it left with now's step");

        window.Add(1, "marketing", Now + 60_000, Now + 60_000);   // the same slot, one window later
        window.CountAt(PurposeCounts(window), Now + 60_000).Should().Be(1, "the slot's old count was dropped, not added to");
    }

    [Fact]
    public void Purposes_interned_past_the_first_table_are_counted_apart()
    {
        var window = new WithdrawalWindow(Minute);
        foreach (int symbol in new[] { 15, 16, 17, 40, 1000 })
        {
            for (int i = 0; i <= symbol % 7; i++)
            {
                window.Add(symbol, $"purpose-{symbol}", Now, Now);
            }
        }

        foreach (int symbol in new[] { 15, 16, 17, 40, 1000 })
        {
            window.CountAt(window.Find($"purpose-{symbol}")!, Now).Should().Be((symbol % 7) + 1, $"purpose-{symbol}");
        }

        window.Dirty.Select(d => d.Purpose).Should().Equal("purpose-15", "purpose-16", "purpose-17", "purpose-40", "purpose-1000");
        window.ClearDirty();
        window.Dirty.Should().BeEmpty();
        window.Add(16, "purpose-16", Now, Now);
        window.Dirty.Should().ContainSingle().Which.Purpose.Should().Be("purpose-16", "a purpose counted again after a clear is dirty again");
    }

    [Fact]
    public void Steps_before_1970_land_in_the_ring_too()
    {
        var window = new WithdrawalWindow(Minute);
        const long before1970 = -86_400_000;   // 1969-12-31 00:00 UTC

        window.Add(1, "marketing", before1970 - 30_000, before1970);
        window.Add(1, "marketing", before1970 - 1, before1970);

        window.CountAt(PurposeCounts(window), before1970).Should().Be(2);
        window.CountAt(PurposeCounts(window), before1970 + 60_000).Should().Be(0);
    }

    private static WithdrawalWindow.PurposeCounts PurposeCounts(WithdrawalWindow window) => window.Find("marketing")!;
}
