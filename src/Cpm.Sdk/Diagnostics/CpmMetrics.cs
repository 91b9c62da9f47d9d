using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cpm.Sdk.Diagnostics;

/// <summary>The SDK's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>Cpm.Sdk</c>. Tags never carry personal data.</summary>
internal static class CpmMetrics
{
    public const string Name = "Cpm.Sdk";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> RecordsCommitted = Meter.CreateCounter<long>("cpm.records.committed", "{record}", "Events committed to the local store: local captures and newly merged remote events.");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("cpm.writer.batch_size", "{operation}", "Writer operations per group-commit transaction.");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("cpm.writer.commit_duration", "ms", "Time to commit one batch.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("cpm.records.rejected", "{record}", "Captures refused by validation.");

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
}
