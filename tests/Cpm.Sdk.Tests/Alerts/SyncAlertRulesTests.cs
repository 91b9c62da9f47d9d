using Cpm.Sdk.Alerts;

namespace Cpm.Sdk.Tests.Alerts;

/// <summary>
/// The sync alert rules on their own: each limit is "longer than", so an age exactly at the limit raises nothing; the
/// time-based alerts need an endpoint; dead letters count pulled events that cannot be merged too; the details carry
/// counts and ages in minutes, rounded to a tenth.
/// </summary>
public sealed class SyncAlertRulesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly AlertOptions Limits = new() { OutboxBacklogAge = TimeSpan.FromMinutes(15), PullStaleAfter = TimeSpan.FromMinutes(5) };
    private static readonly SyncFacts Calm = new(Endpoint: true, Stop: null, LastPullAt: Opened, OutboxDepth: 0, OldestOutboxAt: null, DeadLetters: 0, Parked: 0);

    [Fact]
    public void OutboxBacklog_holds_once_the_oldest_record_waits_longer_than_the_limit_and_only_with_an_endpoint()
    {
        SyncFacts waiting = Calm with { OutboxDepth = 3, OldestOutboxAt = Opened };
        DateTimeOffset atLimit = Opened + Limits.OutboxBacklogAge;

        Holds(AlertKind.OutboxBacklog, waiting, atLimit).Should().BeFalse("exactly at the limit is not longer than it");
        Holds(AlertKind.OutboxBacklog, waiting, atLimit + TimeSpan.FromTicks(1)).Should().BeTrue();
        Holds(AlertKind.OutboxBacklog, waiting with { Endpoint = false }, atLimit + TimeSpan.FromHours(1)).Should().BeFalse("without an endpoint the outbox only grows");
        SyncAlertRules.Detail(AlertKind.OutboxBacklog, waiting, Opened + TimeSpan.FromSeconds(1000), Opened, Limits)
            .Should().Be("the oldest of 3 records waiting in the outbox was queued 16.7 min ago (limit 15 min)");
    }

    [Fact]
    public void PullStale_counts_from_the_last_pull_or_from_the_open_and_only_with_an_endpoint()
    {
        DateTimeOffset atLimit = Opened + Limits.PullStaleAfter;

        Holds(AlertKind.PullStale, Calm, atLimit).Should().BeFalse("exactly at the limit is not longer than it");
        Holds(AlertKind.PullStale, Calm, atLimit + TimeSpan.FromTicks(1)).Should().BeTrue();
        Holds(AlertKind.PullStale, Calm with { LastPullAt = null }, atLimit).Should().BeFalse("counted from the open");
        Holds(AlertKind.PullStale, Calm with { LastPullAt = null }, atLimit + TimeSpan.FromTicks(1)).Should().BeTrue();
        Holds(AlertKind.PullStale, Calm with { LastPullAt = Opened + TimeSpan.FromMinutes(1) }, atLimit + TimeSpan.FromTicks(1)).Should().BeFalse();
        Holds(AlertKind.PullStale, Calm with { Endpoint = false, LastPullAt = null }, Opened + TimeSpan.FromDays(1)).Should().BeFalse("nothing is pulled without an endpoint");

        DateTimeOffset later = Opened + TimeSpan.FromSeconds(390);
        SyncAlertRules.Detail(AlertKind.PullStale, Calm, later, Opened, Limits).Should().Be("no pull has succeeded for 6.5 min (limit 5 min)");
        SyncAlertRules.Detail(AlertKind.PullStale, Calm with { LastPullAt = null }, later, Opened, Limits)
            .Should().Be("no pull has succeeded since the client opened 6.5 min ago (limit 5 min)");
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, 0, true)]
    [InlineData(0, 1, true)]
    [InlineData(2, 5, true)]
    public void DeadLetters_holds_while_a_rejected_record_or_an_unmergeable_pulled_event_is_kept(long deadLetters, long parked, bool holds)
    {
        SyncFacts facts = Calm with { DeadLetters = deadLetters, Parked = parked, Endpoint = false };

        Holds(AlertKind.DeadLetters, facts, Opened).Should().Be(holds);
        if (holds)
        {
            SyncAlertRules.Detail(AlertKind.DeadLetters, facts, Opened, Opened, Limits)
                .Should().Be($"{deadLetters} records rejected by the endpoint and {parked} pulled events that cannot be merged are kept; GetDeadLettersAsync lists them");
        }
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData(SyncState.AuthFailed, true, false)]
    [InlineData(SyncState.HistoryRewritten, false, true)]
    [InlineData(SyncState.Incompatible, false, false)]
    public void AuthFailed_and_HistoryRewritten_hold_while_their_stop_state_does(SyncState? stop, bool authFailed, bool rewritten)
    {
        SyncFacts facts = Calm with { Stop = stop };

        Holds(AlertKind.AuthFailed, facts, Opened).Should().Be(authFailed);
        Holds(AlertKind.HistoryRewritten, facts, Opened).Should().Be(rewritten);
    }

    [Fact]
    public void The_rules_decide_every_sync_kind_and_each_detail_says_what_to_do()
    {
        SyncAlertRules.Kinds.Should().BeEquivalentTo(Enum.GetValues<AlertKind>().Except([AlertKind.MassWithdrawal]));
        SyncAlertRules.Detail(AlertKind.AuthFailed, Calm, Opened, Opened, Limits).Should().Contain("API key").And.Contain("SyncNowAsync");
        SyncAlertRules.Detail(AlertKind.HistoryRewritten, Calm, Opened, Opened, Limits).Should().Contain("checkpoint").And.Contain("SyncNowAsync");
        SyncAlertRules.Minutes(TimeSpan.FromSeconds(155)).Should().Be("2.6 min");
        SyncAlertRules.Minutes(TimeSpan.FromMinutes(10)).Should().Be("10 min");
    }

    private static bool Holds(AlertKind kind, SyncFacts facts, DateTimeOffset now) => SyncAlertRules.Holds(kind, facts, now, Opened, Limits);
}
