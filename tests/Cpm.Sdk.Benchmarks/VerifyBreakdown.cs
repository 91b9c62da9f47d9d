using System.Diagnostics;
using System.Globalization;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Where <c>VerifyAuditAsync</c> spends its time over the 1,000,000-event evidence store, one pass per phase, each
/// adding to the one before: the query's rows stepped through, read into records, leaf hashes recomputed, the Merkle
/// frontier rebuilt, then the whole verification: <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks --
/// --verify-breakdown</c>. <see cref="AuditLogBenchmarks"/> measures the same with BenchmarkDotNet.
/// </summary>
internal static class VerifyBreakdown
{
    private const string Query = $"SELECT seq, hash, prev_hash, {RecordReader.StoredColumns} FROM events ORDER BY seq";

    public static async Task RunAsync()
    {
        (string path, _) = EvidenceStore.Get();
        foreach (int phase in new[] { 0, 1, 2, 3 })
        {
            long started = Stopwatch.GetTimestamp();
            long rows = Scan(path, phase);
            Report(phase switch { 0 => "step", 1 => "read records", 2 => "hash leaves", _ => "append to frontier" }, rows, started);
        }

        await using CpmClient client = await CpmClient.OpenAsync(EvidenceStore.Options(path));
        long verifyStarted = Stopwatch.GetTimestamp();
        AuditVerification result = await client.VerifyAuditAsync();
        Report($"VerifyAuditAsync ({(result.IsIntact ? "intact" : result.Problem)})", result.Checked, verifyStarted);
    }

    private static long Scan(string path, int phase)
    {
        using SqliteConnection connection = AuditLogBenchmarks.OpenReadOnly(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query;
        using SqliteDataReader reader = command.ExecuteReader();
        var frontier = new MerkleFrontier();
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            if (phase == 0)
            {
                continue;
            }

            _ = reader.GetFieldValue<byte[]>(1);
            ConsentRecord record = RecordReader.Read(reader, offset: 3);
            byte[] salt = reader.GetFieldValue<byte[]>(16);
            if (phase >= 2)
            {
                byte[] leaf = EventLeaf.Hash(record, salt);
                if (phase >= 3)
                {
                    frontier.AppendLeaf(leaf);
                }
            }
        }

        return rows;
    }

    private static void Report(string phase, long rows, long started) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {phase}: {rows:N0} rows in {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s"));
}
