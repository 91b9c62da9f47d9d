using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// Issue 10 §4: the meter counts the gate's decisions by reason, gauges the outbox, times each sync exchange and the
/// propagation of a change made at another touchpoint, and the activity source traces sync rounds. The listeners are
/// process-wide, so these tests run alone (no other client adds to what they count).
/// </summary>
[Collection(WriterMetricTests.Name)]
public sealed class TelemetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Decisions_are_counted_by_reason_while_observed_and_not_counted_otherwise()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(configure: o => o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));
        await cpm.RecordAsync(new ConsentCapture("bob", "marketing", "sms", ConsentChoice.Denied));
        Dictionary<string, long> before = Observe();

        cpm.CanUse("alice", "marketing", "sms").Should().BeTrue();
        before.Should().Equal(Observe(), "nothing is counted while no listener observes the counter");

        using MeterListener decisions = Listener(name => name == "cpm.gate.decisions");
        decisions.Start();
        before = Observe();

        cpm.CanUse("alice", "marketing", "sms").Should().BeTrue();
        cpm.Evaluate("alice", "marketing", "email").Reason.Should().Be(DecisionReason.Granted);
        cpm.Evaluate("alice", "no-such-purpose", "sms").Reason.Should().Be(DecisionReason.UnknownPurpose);
        cpm.Evaluate("alice", "marketing", "fax").Reason.Should().Be(DecisionReason.UnknownChannel);
        cpm.Filter(["alice", "bob", "carol"], "marketing", "sms").Should().Equal("alice");
        cpm.EvaluateAlias("tel:+8613800000000", "marketing", "sms").Reason.Should().Be(DecisionReason.UnknownAlias);
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);

        Dictionary<string, long> after = Observe();
        after.Keys.Should().BeEquivalentTo(Enum.GetNames<DecisionReason>(), "every reason is reported, zero or not");
        Dictionary<string, long> counted = after.ToDictionary(p => p.Key, p => p.Value - before[p.Key]);
        counted.Where(p => p.Value != 0).Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["Granted"] = 4,          // CanUse, Evaluate, Filter's alice, the first reservation
            ["Denied"] = 1,           // Filter's bob
            ["NoConsent"] = 1,        // Filter's carol
            ["UnknownPurpose"] = 1,
            ["UnknownChannel"] = 1,
            ["UnknownAlias"] = 1,
            ["FrequencyCapped"] = 1,
        });

        Dictionary<string, long> Observe()
        {
            var totals = new ConcurrentDictionary<string, long>();
            using MeterListener reader = Listener(name => name == "cpm.gate.decisions");
            reader.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                tags[0].Key.Should().Be("cpm.reason");
                totals[(string)tags[0].Value!] = value;
            });
            reader.Start();
            reader.RecordObservableInstruments();
            return new Dictionary<string, long>(totals);
        }
    }

    [Fact]
    public async Task The_outbox_gauges_read_the_open_clients_and_forget_a_closed_one()
    {
        using var temp = new TempStore();
        var unreachable = new Uri("http://127.0.0.1:9/");   // the discard port: nothing listens, every push fails
        CpmOptions options = SyncHarness.ClientOptions(temp, unreachable);
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(200);
        CpmClient cpm = await CpmClient.OpenAsync(options);
        await using (cpm)
        {
            await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "sms", ConsentChoice.Granted));
            await cpm.RecordAsync(new ConsentCapture("bob", "marketing", "sms", ConsentChoice.Granted));

            Gauges().Should().Equal(new Dictionary<string, long> { ["cpm.outbox.depth"] = 2, ["cpm.outbox.dead_letters"] = 0 });
        }

        Gauges().Should().Equal(new Dictionary<string, long> { ["cpm.outbox.depth"] = 0, ["cpm.outbox.dead_letters"] = 0 }, "a closed client is no longer counted");
    }

    [Fact]
    public async Task Sync_exchanges_are_timed_and_traced_and_a_change_made_elsewhere_reports_its_propagation_lag()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        var durations = new ConcurrentQueue<(string Channel, string Outcome)>();
        var lags = new ConcurrentQueue<double>();
        using MeterListener meters = Listener(name => name is "cpm.sync.duration" or "cpm.sync.propagation_lag");
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "cpm.sync.propagation_lag")
            {
                lags.Enqueue(value);
            }
            else
            {
                value.Should().BeGreaterThanOrEqualTo(0);
                durations.Enqueue(((string)tags[0].Value!, (string)tags[1].Value!));
            }
        });
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Cpm.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);

        await using CpmClient a = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db"));
        await using CpmClient b = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"));
        DateTimeOffset capturedAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        await a.RecordAsync(new ConsentCapture("alice", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = capturedAt });
        await SyncHarness.EventuallyAsync(() => b.CanUse("alice", "marketing", "sms"), Deadline, "b pulls a's grant");

        await SyncHarness.EventuallyAsync(() => !lags.IsEmpty, Deadline, "b's merge measures the lag once it returns");
        lags.Should().ContainSingle("only b merged the record new to it; a's own echo is no change")
            .Which.Should().BeGreaterThanOrEqualTo(5000, "the lag runs from the capture's occurredAt");
        await SyncHarness.EventuallyAsync(() => durations.Contains(("pull", "success")), Deadline, "b's pull is timed once it returns");
        durations.Should().Contain(("push", "success")).And.Contain(("catalog", "success")).And.OnlyContain(d => d.Outcome == "success");

        await a.SyncNowAsync();
        Activity round = activities.Last(x => x.OperationName == "cpm.sync.round");
        round.GetTagItem("cpm.sync.state").Should().Be("Online");
        activities.Where(x => x.ParentSpanId == round.SpanId).Select(x => x.OperationName)
            .Should().Equal("cpm.sync.catalog", "cpm.sync.push", "cpm.sync.pull");
        activities.Should().Contain(x => x.OperationName == "cpm.sync.push" && (string?)x.GetTagItem("cpm.sync.outcome") == "success");
        activities.Should().NotContain(x => x.Status == ActivityStatusCode.Error);
        activities.Where(x => x.OperationName != "cpm.record" && x.Recorded).Should().OnlyContain(
            x => x.OperationName == "cpm.sync.round" || (string?)x.GetTagItem("cpm.sync.outcome") == "success", "an exchange with nothing to send is not traced");
    }

    [Fact]
    public async Task The_readme_s_OpenTelemetry_wiring_exports_the_sdk_s_metrics_and_traces()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions configured = SyncHarness.ClientOptions(temp, server.BaseAddress);
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddCpm(o =>
        {
            o.DatabasePath = configured.DatabasePath;
            o.Endpoint = configured.Endpoint;
            o.ApiKey = configured.ApiKey;
            o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
            o.Channels.Add("sms");
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter("Cpm.Sdk").AddInMemoryExporter(metrics))
            .WithTracing(t => t.AddSource("Cpm.Sdk").AddInMemoryExporter(spans));
        using IHost host = builder.Build();
        await host.StartAsync();

        IConsentGate gate = host.Services.GetRequiredService<IConsentGate>();
        await host.Services.GetRequiredService<IConsentRecorder>().RecordAsync(new ConsentCapture("alice", "marketing", "sms", ConsentChoice.Granted));
        gate.CanUse("alice", "marketing", "sms").Should().BeTrue();
        await host.Services.GetRequiredService<IConsentSync>().SyncNowAsync();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush().Should().BeTrue();

        metrics.Select(m => m.Name).Should().Contain(
            ["cpm.gate.decisions", "cpm.outbox.depth", "cpm.outbox.dead_letters", "cpm.sync.duration", "cpm.records.committed", "cpm.alerts.active"]);
        spans.Select(s => s.OperationName).Should().Contain(["cpm.record", "cpm.sync.round", "cpm.sync.push", "cpm.sync.pull", "cpm.sync.catalog"]);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_instruments_say_their_unit_and_what_they_measure()
    {
        using var temp = new TempStore();
        var published = new ConcurrentDictionary<string, (string? Unit, string? Description)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "Cpm.Sdk")
                {
                    published[instrument.Name] = (instrument.Unit, instrument.Description);
                }
            },
        };
        listener.Start();
        await using CpmClient cpm = await temp.OpenAsync();
        cpm.CanUse("alice", "marketing", "sms");

        published.Should().ContainKeys("cpm.gate.decisions", "cpm.outbox.depth", "cpm.outbox.dead_letters", "cpm.sync.duration", "cpm.sync.propagation_lag");
        published["cpm.gate.decisions"].Unit.Should().Be("{decision}");
        published["cpm.gate.decisions"].Description.Should().Contain("by reason");
        published["cpm.outbox.depth"].Unit.Should().Be("{record}");
        published["cpm.outbox.depth"].Description.Should().Contain("waiting");
        published["cpm.outbox.dead_letters"].Unit.Should().Be("{record}");
        published["cpm.outbox.dead_letters"].Description.Should().Contain("refused for good");
        published["cpm.sync.duration"].Unit.Should().Be("ms");
        published["cpm.sync.propagation_lag"].Unit.Should().Be("ms");
    }

    /// <summary>A listener (not started) on the SDK's instruments whose names <paramref name="wanted"/> accepts.</summary>
    private static MeterListener Listener(Func<string, bool> wanted) => new()
    {
        InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Cpm.Sdk" && wanted(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        },
    };

    private static Dictionary<string, long> Gauges()
    {
        var values = new ConcurrentDictionary<string, long>();
        using MeterListener reader = Listener(name => name.StartsWith("cpm.outbox.", StringComparison.Ordinal));
        reader.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        reader.Start();
        reader.RecordObservableInstruments();
        return new Dictionary<string, long>(values);
    }
}
