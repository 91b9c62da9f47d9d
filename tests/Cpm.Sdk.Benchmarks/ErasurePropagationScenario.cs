using System.Diagnostics;
using System.Globalization;
using Cpm.ReferenceServer;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Erasure propagation, B to A, over 100 erasures through the reference server on loopback (long poll; target p99 ≤ 1 s):
/// each person is granted <c>marketing</c>/<c>sms</c> at B and linked to a phone number; once A allows them, B erases
/// them, and the clock runs from <c>EraseAsync</c> at B until A's gate answers <c>Erased</c>. A's alias must be gone by
/// then too. A server that refuses the erasure ends the run with its reason (B's dead letters), not with a timeout:
/// <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --erasure-propagation</c>.
/// </summary>
internal static class ErasurePropagationScenario
{
    private const int Erasures = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync()
    {
        Directory.CreateDirectory(SyncFixture.Folder);
        string[] files = [.. new[] { "server", "a", "b" }.Select(name => Path.Combine(SyncFixture.Folder, $"erasure-{name}-{Guid.NewGuid():N}.db"))];
        try
        {
            await using ReferenceServerHost server = SyncFixture.StartServer(files[0]);
            await using CpmClient a = await CpmClient.OpenAsync(SyncFixture.ClientOptions(files[1], server.BaseAddress));
            await using CpmClient b = await CpmClient.OpenAsync(SyncFixture.ClientOptions(files[2], server.BaseAddress));
            var latencies = new double[Erasures];
            for (int i = 0; i < Erasures; i++)
            {
                string user = BenchmarkStore.UserId(i);
                string phone = ResidentAliases.Phone(i);
                await b.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted));
                await b.LinkAsync(user, phone);
                if (!Reached(b, () => a.CanUse(user, "marketing", "sms") && a.Resolve(phone) == user, "A to allow the person and resolve their alias"))
                {
                    return 1;
                }

                long started = Stopwatch.GetTimestamp();
                await b.EraseAsync(user);
                if (!Reached(b, () => a.Evaluate(user, "marketing", "sms").Reason == DecisionReason.Erased, "A to answer Erased"))
                {
                    return 1;
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (a.Resolve(phone) is not null)
                {
                    Console.WriteLine($"A answers Erased for erasure {i} but still resolves the person's alias.");
                    return 1;
                }
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Erasure propagation B→A over {Erasures} erasures (EraseAsync at B until A's gate answers Erased): " +
                $"p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, p99 {Percentile(latencies, 99):F1} ms, max {latencies[^1]:F1} ms"));
            return 0;
        }
        finally
        {
            foreach (string file in files)
            {
                BenchmarkStore.Delete(file);
            }
        }
    }

    /// <summary>Spins until <paramref name="condition"/> holds; stops early, saying why, when B's events are refused.</summary>
    private static bool Reached(CpmClient b, Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            SyncStatus status = b.Status;
            if (status.DeadLetterCount > 0 || watch.Elapsed > Deadline)
            {
                Console.WriteLine(
                    $"Stopped waiting for {what}: {(status.DeadLetterCount > 0 ? $"the server refused {status.DeadLetterCount} of B's events" : $"not within {Deadline.TotalSeconds:F0} s")} " +
                    $"(B: outbox {status.OutboxDepth}, last error: {status.LastError ?? "none"}).");
                return false;
            }

            spinner.SpinOnce();
        }

        return true;
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
