using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cpm.Sdk.Diagnostics;

/// <summary>
/// The outbox gauges of every client open in the process: <c>cpm.outbox.depth</c> (records waiting to be delivered) and
/// <c>cpm.outbox.dead_letters</c> (records the endpoint refused for good), each summed over the open clients. A client
/// registers at open and unregisters at close; reading the gauges reads the writer's in-memory counts, never the store.
/// </summary>
internal static class StoreGauges
{
    private static readonly ConcurrentDictionary<Registration, byte> Open = new();

    static StoreGauges()
    {
        CpmMetrics.Meter.CreateObservableGauge("cpm.outbox.depth", () => Sum(r => r.OutboxDepth()), "{record}", "Records waiting in the outboxes of the open clients.");
        CpmMetrics.Meter.CreateObservableGauge("cpm.outbox.dead_letters", () => Sum(r => r.DeadLetters()), "{record}", "Records the endpoint refused for good, in the open clients' stores.");
    }

    /// <summary>Adds a client's counts to the gauges until the returned registration is disposed.</summary>
    public static IDisposable Register(Func<long> outboxDepth, Func<long> deadLetters)
    {
        var registration = new Registration(outboxDepth, deadLetters);
        Open.TryAdd(registration, 0);
        return registration;
    }

    private static long Sum(Func<Registration, long> read)
    {
        long sum = 0;
        foreach (Registration registration in Open.Keys)
        {
            sum += read(registration);
        }

        return sum;
    }

    private sealed class Registration(Func<long> outboxDepth, Func<long> deadLetters) : IDisposable
    {
        public Func<long> OutboxDepth { get; } = outboxDepth;

        public Func<long> DeadLetters { get; } = deadLetters;

        public void Dispose() => Open.TryRemove(this, out _);
    }
}
