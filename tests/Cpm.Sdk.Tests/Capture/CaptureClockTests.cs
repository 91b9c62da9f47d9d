using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Tests.Capture;

/// <summary>
/// A capture stamped ahead of the instance's clock (allowed up to 5 minutes for caller skew) orders at its capture
/// time, never later: otherwise it would outrank a withdrawal the person makes a minute afterwards, for good.
/// </summary>
public sealed class CaptureClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task Grant_stamped_four_minutes_ahead_loses_to_a_withdrawal_made_a_minute_later()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Now);
        await using CpmClient cpm = await store.OpenAsync(clock);

        ConsentRecord grant = await cpm.RecordAsync(
            new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = Now.AddMinutes(4) });
        clock.Advance(TimeSpan.FromMinutes(1));
        ConsentRecord withdrawal = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));

        grant.OccurredAt.Should().Be(Now, "a time ahead of the clock is clamped to the capture time");
        withdrawal.OccurredAt.Should().Be(Now.AddMinutes(1));
        cpm.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, withdrawal.Id));
        (await cpm.GetHistoryAsync("u1")).Select(r => r.OccurredAt).Should().Equal(Now, Now.AddMinutes(1));
    }

    [Theory]
    [InlineData(-60_000, -60_000)]
    [InlineData(-1, -1)]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(299_999, 0)]
    [InlineData(300_000, 0)]
    public async Task OccurredAt_is_kept_in_the_past_and_clamped_to_now_ahead(int offsetMs, int storedOffsetMs)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Now));

        ConsentRecord record = await cpm.RecordAsync(
            new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = Now.AddMilliseconds(offsetMs) });

        record.OccurredAt.Should().Be(Now.AddMilliseconds(storedOffsetMs));
        (await cpm.GetHistoryAsync("u1")).Single().OccurredAt.Should().Be(record.OccurredAt);
    }

    [Fact]
    public async Task Clamped_grant_keeps_an_expiry_that_was_after_the_claimed_time()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Now));

        ConsentRecord record = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted)
        {
            OccurredAt = Now.AddMinutes(2),
            ExpiresAt = Now.AddMinutes(3),
        });

        record.OccurredAt.Should().Be(Now);
        record.ExpiresAt.Should().Be(Now.AddMinutes(3));
        cpm.CanUse("u1", "marketing", "sms").Should().BeTrue();
    }
}
