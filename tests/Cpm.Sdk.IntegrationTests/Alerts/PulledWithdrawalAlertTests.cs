using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Alerts;

/// <summary>
/// Issue 9 §5: withdrawals made on another instance and pulled here count toward the mass-withdrawal alert like local
/// ones; the alert is a metric and a log line, and neither the detail nor any log line carries personal data.
/// </summary>
public sealed class PulledWithdrawalAlertTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Evidence = new() { ["ip"] = "203.0.113.77", ["form"] = "I withdraw: +86 138 0013 8000" };

    [Fact]
    public async Task Pulled_withdrawals_raise_the_alert_once_with_no_personal_data_in_detail_logs_or_metrics_and_it_clears_after_the_window()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        var logs = new LogCapture();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        CpmOptions receiverOptions = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "receiver.db");
        receiverOptions.TimeProvider = clock;
        receiverOptions.Alerts.MassWithdrawalThreshold = 3;
        receiverOptions.Alerts.MassWithdrawalWindow = TimeSpan.FromMinutes(10);
        await using CpmClient receiver = CpmClient.Open(receiverOptions, logs, null);
        var raised = new ConcurrentQueue<CpmAlert>();
        receiver.AlertRaised += (_, alert) => raised.Enqueue(alert);
        using var metrics = new AlertMetrics();

        await using (CpmClient sender = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "sender.db"), null, null))
        {
            for (int i = 0; i < 4; i++)
            {
                await sender.RecordAsync(new ConsentCapture($"user-{i}@example.com", "marketing", "sms", ConsentChoice.Withdrawn) { Evidence = Evidence });
            }

            (await sender.SyncNowAsync()).Pushed.Should().Be(4);
        }

        SyncResult pulled = await receiver.SyncNowAsync();

        pulled.Pulled.Should().Be(4);
        CpmAlert alert = pulled.Status.Alerts.Should().ContainSingle().Which;
        alert.Kind.Should().Be(AlertKind.MassWithdrawal);
        alert.Detail.Should().Be("purpose 'marketing': 4 withdrawals within 10 min (threshold 3)");
        await SyncHarness.EventuallyAsync(() => raised.Count == 1, Deadline, "the event fires");
        metrics.Raised(AlertKind.MassWithdrawal).Should().BeGreaterThanOrEqualTo(1, "each raise is counted");
        metrics.ObserveActive(AlertKind.MassWithdrawal).Should().BeGreaterThanOrEqualTo(1, "the gauge shows it active");
        (await receiver.SyncNowAsync()).Pulled.Should().Be(0);
        raised.Should().ContainSingle("the same withdrawals pulled again (none new) raise nothing");

        clock.Advance(TimeSpan.FromMinutes(11));
        await SyncHarness.EventuallyAsync(() => receiver.Status.Alerts.Count == 0, Deadline, "the alert clears after the window");
        raised.Should().ContainSingle();

        logs.Lines.Should().ContainSingle(l => l.Contains("Cpm alert MassWithdrawal raised: purpose 'marketing'", StringComparison.Ordinal));
        logs.Lines.Should().ContainSingle(l => l.Contains("Cpm alert MassWithdrawal cleared (purpose 'marketing')", StringComparison.Ordinal));
        logs.Lines.Should().NotContain(l => l.Contains("user-", StringComparison.Ordinal) || l.Contains("example.com", StringComparison.Ordinal)
            || l.Contains("203.0.113.77", StringComparison.Ordinal) || l.Contains("138 0013", StringComparison.Ordinal)
            || l.Contains(SyncHarness.ApiKey, StringComparison.Ordinal), "no user id, evidence or API key is logged");
    }

    /// <summary>Listens to the alert instruments of the SDK's meter.</summary>
    private sealed class AlertMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _raised = new();
        private readonly ConcurrentDictionary<string, long> _active = new();

        public AlertMetrics()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Cpm.Sdk" && instrument.Name is "cpm.alerts.raised" or "cpm.alerts.active")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string kind = tags.ToArray().Single(t => t.Key == "cpm.alert").Value!.ToString()!;
                if (instrument.Name == "cpm.alerts.raised")
                {
                    _raised.AddOrUpdate(kind, value, (_, sum) => sum + value);
                }
                else
                {
                    _active[kind] = value;
                }
            });
            _listener.Start();
        }

        public long Raised(AlertKind kind) => _raised.GetValueOrDefault(kind.ToString());

        public long ObserveActive(AlertKind kind)
        {
            _listener.RecordObservableInstruments();
            return _active.GetValueOrDefault(kind.ToString());
        }

        public void Dispose() => _listener.Dispose();
    }
}
