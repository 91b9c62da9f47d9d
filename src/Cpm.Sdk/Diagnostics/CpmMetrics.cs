using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cpm.Sdk.Diagnostics;

/// <summary>The SDK's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>Cpm.Sdk</c>. Tags never carry personal data.</summary>
internal static class CpmMetrics
{
    public const string Name = "Cpm.Sdk";

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>The meter every instrument of the SDK is created on.</summary>
    internal static readonly Meter Meter = new(Name);
    private static readonly Counter<long> RecordsCommitted = Meter.CreateCounter<long>("cpm.records.committed", "{record}", "Events committed to the local store: local captures and newly merged remote events.");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("cpm.writer.batch_size", "{operation}", "Writer operations per group-commit transaction.");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("cpm.writer.commit_duration", "ms", "Time to commit one batch.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("cpm.records.rejected", "{record}", "Captures refused by validation.");
    private static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>("cpm.alerts.raised", "{alert}", "Alerts that became active, by kind (tag cpm.alert).");
    private static readonly Histogram<double> SyncDuration = Meter.CreateHistogram<double>("cpm.sync.duration", "ms", "Time of one sync exchange (a pull includes its long-poll wait), by channel (tag cpm.sync.channel: push, pull, catalog) and outcome (tag cpm.sync.outcome).");
    private static readonly Histogram<double> PropagationLag = Meter.CreateHistogram<double>("cpm.sync.propagation_lag", "ms", "From a record's capture at another touchpoint (its occurredAt) to its merge into this client's gate.");
    private static readonly string[] ChannelNames = ["push", "pull", "catalog"];
    private static readonly long[] ActiveAlerts = new long[Enum.GetValues<AlertKind>().Length];

    static CpmMetrics()
    {
        Meter.CreateObservableGauge("cpm.alerts.active", ObserveActiveAlerts, "{alert}", "Alerts active now in this process, by kind (tag cpm.alert).");
    }

    /// <summary>One committed transaction: <paramref name="operations"/> writer operations that inserted <paramref name="records"/> events.</summary>
    public static void RecordCommit(int operations, int records, TimeSpan elapsed)
    {
        if (records > 0)
        {
            RecordsCommitted.Add(records);
        }

        BatchSize.Record(operations);
        CommitDuration.Record(elapsed.TotalMilliseconds);
    }

    public static void RecordRejected() => Rejected.Add(1);

    /// <summary>One sync exchange of <paramref name="channel"/> ended with <paramref name="outcome"/> after <paramref name="elapsed"/>.</summary>
    public static void SyncExchanged(Sync.SyncChannel channel, string outcome, TimeSpan elapsed)
    {
        if (SyncDuration.Enabled)
        {
            SyncDuration.Record(
                elapsed.TotalMilliseconds,
                new KeyValuePair<string, object?>("cpm.sync.channel", ChannelNames[(int)channel]),
                new KeyValuePair<string, object?>("cpm.sync.outcome", outcome));
        }
    }

    /// <summary>A pulled record captured elsewhere at <paramref name="occurredAt"/> was merged at <paramref name="now"/>.</summary>
    public static void Propagated(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (PropagationLag.Enabled && now >= occurredAt)
        {
            PropagationLag.Record((now - occurredAt).TotalMilliseconds);
        }
    }

    /// <summary>An alert became active: counted, and one more in the gauge of its kind.</summary>
    public static void AlertRaised(AlertKind kind)
    {
        Interlocked.Increment(ref ActiveAlerts[(int)kind]);
        AlertsRaised.Add(1, new KeyValuePair<string, object?>("cpm.alert", kind.ToString()));
    }

    /// <summary>An alert cleared (or its client closed): one fewer in the gauge of its kind.</summary>
    public static void AlertCleared(AlertKind kind) => Interlocked.Decrement(ref ActiveAlerts[(int)kind]);

    private static IEnumerable<Measurement<long>> ObserveActiveAlerts()
    {
        var measurements = new Measurement<long>[ActiveAlerts.Length];
        for (int i = 0; i < measurements.Length; i++)
        {
            measurements[i] = new Measurement<long>(
                Interlocked.Read(ref ActiveAlerts[i]), new KeyValuePair<string, object?>("cpm.alert", ((AlertKind)i).ToString()));
        }

        return measurements;
    }
}
