using System.Diagnostics.Metrics;

namespace Cpm.Sdk.Diagnostics;

/// <summary>
/// The gate's decisions counted by reason, cheap enough for <c>CanUse</c>: nothing but one flag read while no listener
/// observes <c>cpm.gate.decisions</c>; once one does, an uncontended increment in a stripe of the calling processor
/// (no shared counter for all threads to fight over, no tags built per call). The stripes are summed when the
/// observable counter is read.
/// </summary>
internal static class DecisionCounts
{
    /// <summary>Longs between two processors' rows: a row never shares a cache line with the next.</summary>
    private const int Padding = 16;

    private static readonly int Reasons = Enum.GetValues<DecisionReason>().Length;
    // Stryker disable once Linq : equivalent. One stripe counts as correctly as one a processor (only slower under contention).
    private static readonly int Stripes = Math.Max(1, Environment.ProcessorCount);
    private static readonly int Stride = Reasons + Padding;
    private static readonly long[] Counts = new long[Stripes * Stride];
    private static readonly KeyValuePair<string, object?>[] ReasonTags =
        [.. Enum.GetValues<DecisionReason>().Select(r => new KeyValuePair<string, object?>("cpm.reason", r.ToString()))];

    private static readonly ObservableCounter<long> Instrument = CpmMetrics.Meter.CreateObservableCounter(
        "cpm.gate.decisions", Observe, "{decision}", "Gate decisions (CanUse, Evaluate, Filter, sends), by reason (tag cpm.reason); counted only while observed.");

    /// <summary>Counts one decision, when a listener observes the counter.</summary>
    public static void Count(DecisionReason reason)
    {
        if (Instrument.Enabled)
        {
            Increment(reason);
        }
    }

    /// <summary>The decisions counted so far with <paramref name="reason"/>, all processors together.</summary>
    public static long Total(DecisionReason reason)
    {
        long sum = 0;
        for (int stripe = 0; stripe < Stripes; stripe++)
        {
            sum += Volatile.Read(ref Counts[(stripe * Stride) + (int)reason]);
        }

        return sum;
    }

    private static void Increment(DecisionReason reason) =>
        Interlocked.Increment(ref Counts[((Thread.GetCurrentProcessorId() % Stripes) * Stride) + (int)reason]);

    private static IEnumerable<Measurement<long>> Observe()
    {
        var measurements = new Measurement<long>[Reasons];
        for (int reason = 0; reason < Reasons; reason++)
        {
            measurements[reason] = new Measurement<long>(Total((DecisionReason)reason), ReasonTags[reason]);
        }

        return measurements;
    }
}
