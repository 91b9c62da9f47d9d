using System.Diagnostics;
using System.Globalization;
using Cpm.ReferenceServer;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Propagation latency, B to A, over 200 withdrawals through the reference server on loopback (target p99 ≤ 1 s).
/// Percentiles of single events are not what BenchmarkDotNet measures, so this runs as its own scenario:
/// <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --propagation</c>.
/// </summary>
internal static class PropagationScenario
{
    private const int Withdrawals = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task RunAsync()
    {
        Directory.CreateDirectory(SyncFixture.Folder);
        string[] files = [.. new[] { "server", "a", "b" }.Select(name => Path.Combine(SyncFixture.Folder, $"propagation-{name}-{Guid.NewGuid():N}.db"))];
        await using (ReferenceServerHost server = SyncFixture.StartServer(files[0]))
        await using (CpmClient a = await CpmClient.OpenAsync(SyncFixture.ClientOptions(files[1], server.BaseAddress)))
        await using (CpmClient b = await CpmClient.OpenAsync(SyncFixture.ClientOptions(files[2], server.BaseAddress)))
        {
            var latencies = new double[Withdrawals];
            for (int i = 0; i < Withdrawals; i++)
            {
                string user = BenchmarkStore.UserId(i);
                await b.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted));
                SyncFixture.WaitUntil(() => a.CanUse(user, "marketing", "sms"), Deadline);

                long started = Stopwatch.GetTimestamp();
                await b.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Withdrawn));
                SyncFixture.WaitUntil(() => !a.CanUse(user, "marketing", "sms"), Deadline);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Propagation B→A over {Withdrawals} withdrawals (RecordAsync at B until A's gate denies): " +
                $"p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, p99 {Percentile(latencies, 99):F1} ms, max {latencies[^1]:F1} ms"));
        }

        foreach (string file in files)
        {
            BenchmarkStore.Delete(file);
        }
    }

    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
