using System.Diagnostics;
using System.Globalization;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// The audit log's cost on durable <c>RecordAsync</c>, measured interleaved: two clients in one process, one storing
/// without the audit log (the benchmark-only switch), one with it, take turns in rounds of 64 callers × 100 records
/// (ABBA order), so load from other work on the machine falls on both alike. BenchmarkDotNet measures the two one
/// after the other (<see cref="AuditOverheadBenchmarks"/>), which a shared machine skews; this complements it:
/// <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --audit-overhead</c>.
/// </summary>
internal static class AuditOverheadScenario
{
    private const int WarmupRounds = 2;
    private const int Rounds = 24;

    public static async Task RunAsync()
    {
        foreach (Durability durability in new[] { Durability.Full, Durability.Normal })
        {
            await RunAsync(durability);
        }
    }

    private static async Task RunAsync(Durability durability)
    {
        string[] paths = [BenchmarkStore.NewTempPath("overhead-without"), BenchmarkStore.NewTempPath("overhead-with")];
        ConsentCapture[] captures = AuditOverheadBenchmarks.Captures();
        var perRecord = new List<double>[] { [], [] };
        var allocated = new long[2];
        await using (CpmClient without = await CpmClient.OpenAsync(BenchmarkStore.Options(paths[0], durability, auditLog: false)))
        await using (CpmClient with = await CpmClient.OpenAsync(BenchmarkStore.Options(paths[1], durability, auditLog: true)))
        {
            CpmClient[] clients = [without, with];
            for (int round = 0; round < WarmupRounds + Rounds; round++)
            {
                // ABBA: without, with, with, without, ...
                int first = round % 2;
                foreach (int which in new[] { first, 1 - first })
                {
                    long bytes = GC.GetTotalAllocatedBytes();
                    long started = Stopwatch.GetTimestamp();
                    await AuditOverheadBenchmarks.RecordAll(clients[which], captures);
                    double microseconds = Stopwatch.GetElapsedTime(started).TotalMicroseconds / AuditOverheadBenchmarks.Records;
                    if (round >= WarmupRounds)
                    {
                        perRecord[which].Add(microseconds);
                        allocated[which] += GC.GetTotalAllocatedBytes() - bytes;
                    }
                }
            }

            if ((await with.GetCheckpointAsync()).Size == 0 || (await without.GetCheckpointAsync()).Size != 0)
            {
                throw new InvalidOperationException("The switch did not do what it says.");
            }
        }

        double[] medians = [.. perRecord.Select(Median)];
        double[] means = [.. perRecord.Select(times => times.Average())];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Audit log overhead, Durability.{durability}, {Rounds} interleaved rounds of {AuditOverheadBenchmarks.Records:N0} records (64 callers) each: " +
            $"without {medians[0]:F2} µs/record median ({means[0]:F2} mean, {1e6 / medians[0]:N0}/s, {allocated[0] / (double)Rounds / AuditOverheadBenchmarks.Records / 1024:F2} KB), " +
            $"with {medians[1]:F2} µs/record median ({means[1]:F2} mean, {1e6 / medians[1]:N0}/s, {allocated[1] / (double)Rounds / AuditOverheadBenchmarks.Records / 1024:F2} KB); " +
            $"time ratio {medians[1] / medians[0]:F2} (median), {means[1] / means[0]:F2} (mean); throughput with the log {100 * medians[0] / medians[1]:F0}% of without"));
        foreach (string path in paths)
        {
            BenchmarkStore.Delete(path);
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
