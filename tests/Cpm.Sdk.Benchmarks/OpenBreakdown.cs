using System.Diagnostics;
using System.Globalization;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Where <c>OpenAsync</c> of the 1,000,000-user store spends its time: each step open takes, one after the other on
/// one thread (open runs the table check beside the index load), then <c>OpenAsync</c> itself:
/// <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --open-breakdown</c>; add <c>--without-aliases</c>
/// for the same store with its aliases emptied.
/// </summary>
internal static class OpenBreakdown
{
    public static async Task RunAsync(bool withoutAliases)
    {
        string path = withoutAliases ? BenchmarkStore.ResidentWithoutAliases(1_000_000) : BenchmarkStore.Resident(1_000_000);
        for (int round = 0; round < 2; round++)
        {
            Time("inspect (header, application id, version)", () => StoreInspector.Inspect(path));
            Time("quick_check of the tables open reads", () =>
            {
                StoreInspector.CheckOpenTables(path);
                return 0;
            });
            ConsentIndex index = Time("load the gate index", () => IndexLoader.Load(path, new SymbolTable()));
            using (SqliteConnection writer = Time("open the writer connection", () => SqliteStore.OpenWriter(path, Durability.Full)))
            {
                Time("scan the aliases table (SQLite alone, every column read)", () => ScanAliases(path));
                Time("load the aliases and tombstones", () => RightsLoader.Load(path, index, ResidentAliases.Kinds).Aliases.Count);
                Time("count(*) events", () => Sql.ScalarInt64(writer, "SELECT count(*) FROM events"));
                Time("restore the audit log's frontier", () => StoreLog.RestoreFrontier(writer, Sql.ScalarInt64(writer, "SELECT count(*) FROM events")).Size);
                Time("count(*) outbox, dead_letters", () => Sql.ScalarInt64(writer, "SELECT count(*) FROM outbox") + Sql.ScalarInt64(writer, "SELECT count(*) FROM dead_letters"));
            }

            GC.KeepAlive(index);
            index = null!;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            long started = Stopwatch.GetTimestamp();
            TimeSpan cpu = CpuTime();
            GcCounts gc = GcCounts.Now();
            await using (CpmClient client = await CpmClient.OpenAsync(BenchmarkStore.Options(path)))
            {
                Report("OpenAsync", started, cpu, gc);
                using var process = Process.GetCurrentProcess();
                Console.WriteLine($"// working set after open {process.WorkingSet64 / 1048576.0:F0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB");
            }
        }
    }

    private static long ScanAliases(string path)
    {
        using RawReader reader = RawReader.Open(path);
        using SQLitePCL.sqlite3_stmt statement = reader.Prepare("SELECT alias, CASE WHEN linked = 1 THEN user_id END, occurred_at, event_id FROM aliases");
        long checksum = 0;
        while (SQLitePCL.raw.sqlite3_step(statement) == SQLitePCL.raw.SQLITE_ROW)
        {
            checksum += SQLitePCL.raw.sqlite3_column_blob(statement, 0).Length + SQLitePCL.raw.sqlite3_column_blob(statement, 1).Length
                + SQLitePCL.raw.sqlite3_column_int64(statement, 2) + SQLitePCL.raw.sqlite3_column_blob(statement, 3).Length;
        }

        return checksum;
    }

    private static T Time<T>(string step, Func<T> action)
    {
        long started = Stopwatch.GetTimestamp();
        TimeSpan cpu = CpuTime();
        GcCounts gc = GcCounts.Now();
        T result = action();
        Report(step, started, cpu, gc);
        return result;
    }

    /// <summary>
    /// Wall-clock time, the CPU time of the whole process (every thread; steadier than wall-clock on a busy machine),
    /// and the garbage collections the step caused, with the time the runtime was paused for them.
    /// </summary>
    private static void Report(string step, long started, TimeSpan cpu, GcCounts gc)
    {
        GcCounts after = GcCounts.Now();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// {step}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms (CPU {(CpuTime() - cpu).TotalMilliseconds:F0} ms; "
            + $"GCs gen0 {after.Gen0 - gc.Gen0}, gen1 {after.Gen1 - gc.Gen1}, gen2 {after.Gen2 - gc.Gen2}, paused {(after.Paused - gc.Paused).TotalMilliseconds:F0} ms)"));
    }

    private readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
