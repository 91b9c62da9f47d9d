using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: <c>CanUse</c> over 1,000,000 resident users is at most 3x a raw dictionary lookup on the
/// same keys, at least 100x faster than a per-call SQLite point query, and allocates nothing.
/// Every invocation looks up 1,024 users (OperationsPerInvoke), walking an array of random resident ids:
/// <list type="bullet">
/// <item><c>DistinctIds = 1024</c>: the same 1,024 users every invocation, so their index entries stay in the CPU caches (hot).</item>
/// <item><c>DistinctIds = 1048576</c>: 2^20 random ids over the whole million, so almost every lookup misses the caches (cold),
/// as in a send pipeline walking a large audience.</item>
/// </list>
/// Channels cycle through the catalog's four. The three paths are checked to agree before measuring.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CanUseBenchmarks
{
    private const int Users = 1_000_000;
    private const int Batch = 1024;

    private ResidentGate _gate = null!;
    private Dictionary<string, byte> _raw = null!;
    private CpmClient _client = null!;
    private string[] _ids = null!;
    private string[] _channels = null!;
    private SqliteConnection _sqlite = null!;
    private SqliteCommand _pointQuery = null!;
    private int _cursor;
    private int _slotMask;

    /// <summary>How many different ids the invocations cycle through (a power of two, at least 1,024).</summary>
    [Params(1024, 1 << 20)]
    public int DistinctIds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gate = ResidentGate.Open(Users);
        _raw = _gate.Raw;
        _client = _gate.Client;
        _ids = ResidentGate.RandomIds(Users, DistinctIds, seed: 7);
        _slotMask = DistinctIds - 1;
        _channels = BenchmarkStore.Channels;

        // The naive path: a read connection on the same file and one prepared query per decision.
        // It applies rules 4 and 5 in SQL: the greater of (u, p, c) and (u, p, '*') by (occurred_at, restrictiveness, id).
        _sqlite = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _gate.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        _sqlite.Open();
        _pointQuery = _sqlite.CreateCommand();
        _pointQuery.CommandText = """
            SELECT choice FROM state
            WHERE user_id = $u AND purpose = $p AND channel IN ($c, '*')
            ORDER BY occurred_at DESC, choice DESC, event_id DESC LIMIT 1
            """;
        _pointQuery.Parameters.Add(new SqliteParameter("$u", null));
        _pointQuery.Parameters.Add(new SqliteParameter("$p", BenchmarkStore.Purpose));
        _pointQuery.Parameters.Add(new SqliteParameter("$c", null));
        _pointQuery.Prepare();

        // All three paths must give the same answers, or the comparison is meaningless.
        int checkedCount = Math.Min(DistinctIds, 20_000);
        for (int slot = 0; slot < checkedCount; slot++)
        {
            bool expected = _client.CanUse(_ids[slot], BenchmarkStore.Purpose, _channels[slot & 3]);
            if (RawAllows(slot) != expected || SqliteAllows(slot) != expected)
            {
                throw new InvalidOperationException($"Baselines disagree with CanUse at slot {slot}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pointQuery.Dispose();
        _sqlite.Dispose();
        _gate.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int DictionaryLookup()
    {
        int start = NextBatch();
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            if (RawAllows((start + i) & _slotMask))
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int CanUse()
    {
        int start = NextBatch();
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            int slot = (start + i) & _slotMask;
            if (_client.CanUse(_ids[slot], BenchmarkStore.Purpose, _channels[slot & 3]))
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SqlitePointQuery()
    {
        int start = NextBatch();
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            if (SqliteAllows((start + i) & _slotMask))
            {
                allowed++;
            }
        }

        return allowed;
    }

    private int NextBatch()
    {
        int start = _cursor;
        _cursor = (start + Batch) & _slotMask;
        return start;
    }

    private bool RawAllows(int slot) =>
        _raw.TryGetValue(_ids[slot], out byte bits) && (bits & (1 << (slot & 3))) != 0;

    private bool SqliteAllows(int slot)
    {
        _pointQuery.Parameters[0].Value = _ids[slot];
        _pointQuery.Parameters[2].Value = _channels[slot & 3];
        return _pointQuery.ExecuteScalar() is long choice && choice == (long)ConsentChoice.Granted;
    }
}
