using System.Collections.Concurrent;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Alerts;

/// <summary>
/// Issue 9 §5, the handlers of <see cref="CpmClient.AlertRaised"/>: a handler that throws is logged and ignored, and every
/// later alert still reaches it; alerts of several purposes are listed oldest first and each clears on its own.
/// </summary>
public sealed class AlertHandlerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_ignored_and_later_alerts_still_reach_it()
    {
        using var temp = new TempStore();
        var logs = new LogCapture();
        var clock = new FakeTimeProvider(Start);
        CpmOptions options = temp.Options(clock, o =>
        {
            o.Alerts.MassWithdrawalThreshold = 1;
            o.Alerts.MassWithdrawalWindow = TimeSpan.FromMinutes(10);
        });
        await using CpmClient cpm = CpmClient.Open(options, logs, null);
        var seen = new ConcurrentQueue<CpmAlert>();
        cpm.AlertRaised += (_, alert) =>
        {
            seen.Enqueue(alert);
            throw new InvalidOperationException("the handler's own bug");
        };

        await WithdrawAsync(cpm, "marketing", 2);
        await SyncHarness.EventuallyAsync(() => seen.Count == 1, Deadline, "the first alert reaches the handler");
        await SyncHarness.EventuallyAsync(
            () => logs.Lines.Any(l => l.Contains("a handler of CpmClient.AlertRaised failed", StringComparison.Ordinal) && l.Contains("the handler's own bug", StringComparison.Ordinal)),
            Deadline,
            "the failure is logged with its exception");

        clock.Advance(TimeSpan.FromMinutes(1));
        await WithdrawAsync(cpm, "personalisation", 2, first: 10);
        await SyncHarness.EventuallyAsync(() => seen.Count == 2, Deadline, "the next alert still reaches the handler");

        cpm.Status.Alerts.Select(a => (a.Kind, a.At)).Should().Equal(
            (AlertKind.MassWithdrawal, Start), (AlertKind.MassWithdrawal, Start + TimeSpan.FromMinutes(1)));
        cpm.Status.Alerts.Select(a => a.Detail).Should().SatisfyRespectively(
            first => first.Should().StartWith("purpose 'marketing': 2 withdrawals"),
            second => second.Should().StartWith("purpose 'personalisation': 2 withdrawals"));

        clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(30));   // marketing's withdrawals left the window, not personalisation's
        cpm.Status.Alerts.Should().ContainSingle().Which.Detail.Should().StartWith("purpose 'personalisation'");
        clock.Advance(TimeSpan.FromMinutes(1));
        cpm.Status.Alerts.Should().BeEmpty();
        seen.Should().HaveCount(2, "clearing raises nothing");
    }

    private static async Task WithdrawAsync(CpmClient cpm, string purpose, int count, int first = 0)
    {
        for (int i = first; i < first + count; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"user-{i}", purpose, "sms", ConsentChoice.Withdrawn));
        }
    }
}
