using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// <c>OpenAsync</c> on a store holding 1,000,000 users (about 2.5 million <c>state</c> rows) and 2,000,000 aliases: time
/// and allocations, beside its parts. Baseline: a plain ADO.NET scan of every <c>state</c> row. <c>QuickCheckState</c> is the integrity
/// check open runs before returning (the gate's table); <c>QuickCheckWholeFile</c> the one it runs in the background
/// (it used to run before returning). <c>LoadIndex</c> builds the gate index the way open does, <c>LoadIndexOnePass</c> the
/// way it did before. <c>LoadAliases</c> reads the aliases and tombstones as open does, once the gate index is loaded.
/// The memory the open keeps (the gate index) and the process working set are printed by GlobalSetup as "// Retained".
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OpenBenchmarks
{
    private const int Users = 1_000_000;

    private string _path = "";
    private string _pathWithoutAliases = "";
    private CpmClient? _client;
    private ConsentIndex? _index;

    [GlobalSetup(Targets = [nameof(ScanState), nameof(QuickCheckState), nameof(QuickCheckWholeFile), nameof(LoadIndexOnePass), nameof(LoadIndex), nameof(OpenAsync)])]
    public void Setup()
    {
        UseResidentStore();
        PrintRetained(_path, $"{Users:N0} users, {2 * Users:N0} aliases");
    }

    /// <summary>The same store without its aliases (issue 6's store, before aliases existed).</summary>
    [GlobalSetup(Target = nameof(OpenAsyncWithoutAliases))]
    public void SetupWithoutAliases()
    {
        UseResidentStore();
        _pathWithoutAliases = BenchmarkStore.ResidentWithoutAliases(Users);
        PrintRetained(_pathWithoutAliases, $"{Users:N0} users, no aliases");
    }

    private void UseResidentStore()
    {
        _path = BenchmarkStore.Resident(Users);
        using (SqliteConnection connection = OpenReadOnly())
        using (SqliteCommand command = connection.CreateCommand())
        {
            // The cached file must have today's schema: an open that migrates would measure the migration.
            command.CommandText = "PRAGMA user_version";
            if ((long)command.ExecuteScalar()! != Schema.LatestVersion)
            {
                throw new InvalidOperationException($"{_path} is not at schema version {Schema.LatestVersion}; bump BenchmarkStore's generator version.");
            }
        }
    }

    [GlobalSetup(Target = nameof(LoadAliases))]
    public void SetupAliases()
    {
        Setup();
        _index = IndexLoader.Load(_path, new SymbolTable());
    }

    [IterationCleanup]
    public void CloseClient()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>Every <c>state</c> row through ADO.NET: the floor a straightforward index load would have.</summary>
    [Benchmark(Baseline = true)]
    public long ScanState()
    {
        using SqliteConnection connection = OpenReadOnly();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at
            FROM state ORDER BY user_id
            """;
        using SqliteDataReader reader = command.ExecuteReader();
        long checksum = 0;
        while (reader.Read())
        {
            checksum += reader.GetString(0).Length + reader.GetString(1).Length + reader.GetString(2).Length;
            checksum += new Guid(reader.GetFieldValue<byte[]>(3), bigEndian: true).GetHashCode();
            checksum += reader.GetInt32(4) + reader.GetInt32(5) + reader.GetInt64(6) + (reader.IsDBNull(7) ? 0 : reader.GetInt64(7));
        }

        return checksum;
    }

    /// <summary>The check open runs before it returns: the gate's table only.</summary>
    [Benchmark]
    public string? QuickCheckState() => Scalar("PRAGMA quick_check(state)");

    /// <summary>The check of the whole file, events included, that open now runs in the background.</summary>
    [Benchmark]
    public string? QuickCheckWholeFile() => Scalar("PRAGMA quick_check");

    /// <summary>The gate index as open built it before: one pass on one ADO.NET connection.</summary>
    [Benchmark]
    public int LoadIndexOnePass()
    {
        using SqliteConnection connection = OpenReadOnly();
        return IndexLoader.Load(connection, new SymbolTable()).UserCount;
    }

    /// <summary>The gate index as open builds it now (two key ranges on two connections without SQLite's mutex).</summary>
    [Benchmark]
    public int LoadIndex() => IndexLoader.Load(_path, new SymbolTable()).UserCount;

    /// <summary>The aliases (2,000,000) and tombstones as open reads them after the gate index.</summary>
    [Benchmark]
    public int LoadAliases() => RightsLoader.Load(_path, _index!, ResidentAliases.Kinds).Aliases.Count;

    [Benchmark]
    public async Task<CpmClient> OpenAsync()
    {
        _client = await CpmClient.OpenAsync(BenchmarkStore.Options(_path)).ConfigureAwait(false);
        return _client;
    }

    /// <summary>The 1,000,000 users without aliases.</summary>
    [Benchmark]
    public async Task<CpmClient> OpenAsyncWithoutAliases()
    {
        _client = await CpmClient.OpenAsync(BenchmarkStore.Options(_pathWithoutAliases)).ConfigureAwait(false);
        return _client;
    }

    /// <summary>Opens <paramref name="path"/> once and prints what the client keeps (the gate) and the process working set.</summary>
    private static void PrintRetained(string path, string what)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        long workingSetBefore = process.WorkingSet64;
        CpmClient client = CpmClient.OpenAsync(BenchmarkStore.Options(path)).GetAwaiter().GetResult();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        Console.WriteLine(
            $"// Retained by OpenAsync ({what}): {(after - before) / 1048576.0:F1} MiB managed heap " +
            $"({(after - before) / (double)Users:F0} B per user); process working set {process.WorkingSet64 / 1048576.0:F0} MiB " +
            $"({(process.WorkingSet64 - workingSetBefore) / 1048576.0:F0} MiB more than before the open), peak {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
        // What stays once the runtime has returned the memory the load used and freed (it does so over time by itself).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        Console.WriteLine(
            $"// Once freed memory is returned: process working set {process.WorkingSet64 / 1048576.0:F0} MiB " +
            $"({(process.WorkingSet64 - workingSetBefore) / 1048576.0:F0} MiB more than before the open)");
        GC.KeepAlive(client);
        client.Dispose();
    }

    private string? Scalar(string sql)
    {
        using SqliteConnection connection = OpenReadOnly();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private SqliteConnection OpenReadOnly()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
