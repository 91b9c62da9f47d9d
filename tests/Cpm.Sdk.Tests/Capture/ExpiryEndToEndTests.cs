using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Tests.Capture;

/// <summary>
/// Expiry through the real write path: a grant's <c>ExpiresAt</c> and the purpose's validity reach the live index at
/// commit and the index rebuilt at open, so the gate turns the grant off when the clock passes either.
/// </summary>
public sealed class ExpiryEndToEndTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Grant_with_an_expiry_stops_allowing_when_it_lapses_live_and_after_reopen()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Now);
        ConsentRecord grant;
        await using (CpmClient cpm = await store.OpenAsync(clock))
        {
            grant = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted) { ExpiresAt = Now.AddHours(1) });
            cpm.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, grant.Id));

            clock.Advance(TimeSpan.FromHours(1));
            cpm.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Expired, grant.Id));
        }

        // A fresh clock: the reopened store must rebuild the expiry from the file, not from anything in memory.
        clock = new FakeTimeProvider(Now.AddMinutes(59));
        await using (CpmClient reopened = await store.OpenAsync(clock))
        {
            reopened.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, grant.Id));
            clock.Advance(TimeSpan.FromMinutes(1));
            reopened.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Expired, grant.Id));
        }
    }

    [Fact]
    public async Task Grant_older_than_the_purpose_validity_stops_allowing_live_and_after_reopen()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Now);
        Action<CpmOptions> yearly = o => o.Purposes[0].Validity = TimeSpan.FromDays(365);
        await using (CpmClient cpm = await store.OpenAsync(clock, yearly))
        {
            await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "*", ConsentChoice.Granted));
            clock.Advance(TimeSpan.FromDays(365) - TimeSpan.FromMilliseconds(1));
            cpm.CanUse("u1", "marketing", "email").Should().BeTrue();
        }

        await using (CpmClient reopened = await store.OpenAsync(clock, yearly))
        {
            reopened.CanUse("u1", "marketing", "email").Should().BeTrue();
            clock.Advance(TimeSpan.FromMilliseconds(1));
            reopened.Evaluate("u1", "marketing", "email").Reason.Should().Be(DecisionReason.Expired);
        }
    }

    [Fact]
    public async Task Later_withdrawal_beats_an_unexpired_grant_and_a_later_grant_restores_after_an_expired_one()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Now);
        await using CpmClient cpm = await store.OpenAsync(clock);

        await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted) { ExpiresAt = Now.AddMinutes(10) });
        clock.Advance(TimeSpan.FromMinutes(11));
        cpm.CanUse("u1", "marketing", "sms").Should().BeFalse();

        ConsentRecord renewed = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        cpm.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, renewed.Id));
    }
}
