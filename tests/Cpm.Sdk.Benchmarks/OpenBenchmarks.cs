using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// <c>OpenAsync</c> on a store holding 1,000,000 users (about 2.5 million <c>state</c> rows): time and
/// allocations. Baseline: a raw scan of every <c>state</c> row (the floor for loading the index).
/// <c>ScanStateGetBytes</c> and <c>QuickCheck</c> isolate two parts of the open: reading ids with
/// <c>GetBytes</c> and the integrity check the open runs on an existing file.
/// The memory the open keeps (the gate index) is printed by GlobalSetup as "// Retained by OpenAsync".
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OpenBenchmarks
{
    private const int Users = 1_000_000;

    private string _path = "";
    private CpmClient? _client;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkStore.Resident(Users);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        CpmClient client = CpmClient.OpenAsync(BenchmarkStore.Options(_path)).GetAwaiter().GetResult();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// Retained by OpenAsync ({Users:N0} users): {(after - before) / 1048576.0:F1} MiB managed heap ({(after - before) / (double)Users:F0} B per user)");
        GC.KeepAlive(client);
        client.Dispose();
    }

    [IterationCleanup]
    public void CloseClient()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>Every <c>state</c> row, reading the id with <c>GetFieldValue&lt;byte[]&gt;</c>: the floor for loading the index.</summary>
    [Benchmark(Baseline = true)]
    public long ScanState() => Scan(useGetBytes: false);

    /// <summary>
    /// The same scan reading the id with <c>GetBytes</c>, as <c>Sql.BlobToId</c> (used by <c>IndexLoader</c>) does.
    /// Microsoft.Data.Sqlite implements <c>GetBytes</c> through <c>GetStream</c>, which looks up column metadata
    /// on every call when the table has no rowid (<c>state</c> is WITHOUT ROWID).
    /// </summary>
    [Benchmark]
    public long ScanStateGetBytes() => Scan(useGetBytes: true);

    [Benchmark]
    public string? QuickCheck()
    {
        using SqliteConnection connection = OpenReadOnly();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        return command.ExecuteScalar() as string;
    }

    [Benchmark]
    public async Task<CpmClient> OpenAsync()
    {
        _client = await CpmClient.OpenAsync(BenchmarkStore.Options(_path)).ConfigureAwait(false);
        return _client;
    }

    private long Scan(bool useGetBytes)
    {
        using SqliteConnection connection = OpenReadOnly();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at
            FROM state ORDER BY user_id
            """;
        using SqliteDataReader reader = command.ExecuteReader();
        long checksum = 0;
        byte[] scratch = new byte[16];
        while (reader.Read())
        {
            checksum += reader.GetString(0).Length + reader.GetString(1).Length + reader.GetString(2).Length;
            Guid id = useGetBytes && reader.GetBytes(3, 0, scratch, 0, 16) == 16
                ? new Guid(scratch, bigEndian: true)
                : new Guid(reader.GetFieldValue<byte[]>(3), bigEndian: true);
            checksum += id.GetHashCode() + reader.GetInt32(4) + reader.GetInt32(5) + reader.GetInt64(6);
            checksum += reader.IsDBNull(7) ? 0 : reader.GetInt64(7);
        }

        return checksum;
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
