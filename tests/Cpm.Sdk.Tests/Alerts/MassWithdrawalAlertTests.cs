using System.Collections.Concurrent;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Tests.Alerts;

/// <summary>
/// Issue 9 §5: more than a threshold of withdrawals of one purpose within the sliding window raises
/// <see cref="AlertKind.MassWithdrawal"/> once; it stays listed while the window holds them, and clears itself when
/// the window slides past them. Real SQLite store, fake clock.
/// </summary>
public sealed class MassWithdrawalAlertTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_burst_of_withdrawals_raises_the_alert_once_and_it_clears_after_the_window()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Start);
        await using CpmClient cpm = await store.OpenAsync(clock, Thresholds(3, TimeSpan.FromMinutes(10)));
        var raised = new ConcurrentQueue<CpmAlert>();
        cpm.AlertRaised += (_, alert) => raised.Enqueue(alert);

        await WithdrawAsync(cpm, "marketing", 3);
        cpm.Status.Alerts.Should().BeEmpty("3 withdrawals are not more than the threshold of 3");

        await WithdrawAsync(cpm, "marketing", 1, first: 3);
        CpmAlert alert = cpm.Status.Alerts.Should().ContainSingle().Which;
        alert.Kind.Should().Be(AlertKind.MassWithdrawal);
        alert.At.Should().Be(Start);
        alert.Detail.Should().Contain("'marketing'").And.Contain("4 withdrawals").And.NotContain("user-");
        await EventuallyAsync(() => raised.Count == 1, "the event fires");
        raised.Single().Should().Be(alert);

        await WithdrawAsync(cpm, "marketing", 5, first: 4);
        clock.Advance(TimeSpan.FromMinutes(5));
        cpm.Status.Alerts.Should().ContainSingle("it stays active while the window holds the withdrawals");
        raised.Should().ContainSingle("it is not raised again while it stays active");

        clock.Advance(TimeSpan.FromMinutes(6)); // the timer looks: the window has slid past every withdrawal
        await EventuallyAsync(() => cpm.Status.Alerts.Count == 0, "the alert clears");

        await WithdrawAsync(cpm, "marketing", 4, first: 100);
        await EventuallyAsync(() => raised.Count == 2, "a new burst raises it again");
        raised.Last().At.Should().Be(Start + TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task Counts_are_per_purpose_and_only_withdrawals_count()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Start);
        await using CpmClient cpm = await store.OpenAsync(clock, Thresholds(3, TimeSpan.FromMinutes(10)));

        await WithdrawAsync(cpm, "marketing", 3);
        await WithdrawAsync(cpm, "personalisation", 3, first: 10);
        for (int i = 0; i < 10; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"user-{20 + i}", "analytics", "sms", ConsentChoice.Denied));
            await cpm.RecordAsync(new ConsentCapture($"user-{20 + i}", "analytics", "email", ConsentChoice.Granted));
        }

        cpm.Status.Alerts.Should().BeEmpty("no one purpose has more than 3 withdrawals; denials and grants are not withdrawals");

        await WithdrawAsync(cpm, "personalisation", 1, first: 13);
        cpm.Status.Alerts.Should().ContainSingle().Which.Detail.Should().Contain("'personalisation'");
    }

    [Fact]
    public async Task Withdrawals_that_occurred_before_the_window_do_not_count()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Start);
        await using CpmClient cpm = await store.OpenAsync(clock, Thresholds(2, TimeSpan.FromMinutes(10)));

        for (int i = 0; i < 5; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Withdrawn) { OccurredAt = Start - TimeSpan.FromMinutes(30) });
        }

        cpm.Status.Alerts.Should().BeEmpty("withdrawals made half an hour ago are not a burst now");
    }

    [Fact]
    public async Task A_window_that_slides_partly_past_a_burst_keeps_the_alert_until_it_is_no_longer_over_the_threshold()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Start);
        await using CpmClient cpm = await store.OpenAsync(clock, Thresholds(3, TimeSpan.FromMinutes(10)));

        await WithdrawAsync(cpm, "marketing", 2);
        clock.Advance(TimeSpan.FromMinutes(5));
        await WithdrawAsync(cpm, "marketing", 2, first: 2);
        cpm.Status.Alerts.Should().ContainSingle("4 withdrawals within 10 minutes");

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(10));
        cpm.Status.Alerts.Should().BeEmpty("the first two left the window: 2 remain");
    }

    private static Action<CpmOptions> Thresholds(int threshold, TimeSpan window) => o =>
    {
        o.Alerts.MassWithdrawalThreshold = threshold;
        o.Alerts.MassWithdrawalWindow = window;
    };

    private static async Task WithdrawAsync(CpmClient cpm, string purpose, int count, int first = 0)
    {
        for (int i = first; i < first + count; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"user-{i}", purpose, "sms", ConsentChoice.Withdrawn));
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds: the event is raised on a thread-pool thread.</summary>
    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            timeout.IsCancellationRequested.Should().BeFalse($"not reached within {Deadline.TotalSeconds} s: {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }
    }
}
