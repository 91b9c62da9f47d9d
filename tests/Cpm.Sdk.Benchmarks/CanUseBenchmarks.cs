using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: <c>CanUse</c> over 1,000,000 resident users is at most 3x a raw dictionary lookup on the
/// same keys, at least 100x faster than a per-call SQLite point query, and allocates nothing.
/// Every invocation looks up 1,024 different users, walking a 2^20-slot array of random resident ids,
/// so each call is a cache-cold lookup as in a real send pipeline. Channels cycle through the catalog's four.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CanUseBenchmarks
{
    private const int Users = 1_000_000;
    private const int Batch = 1024;
    private const int Slots = 1 << 20;
    private const int SlotMask = Slots - 1;

    private ResidentGate _gate = null!;
    private Dictionary<string, byte> _raw = null!;
    private CpmClient _client = null!;
    private string[] _ids = null!;
    private string[] _channels = null!;
    private SqliteConnection _sqlite = null!;
    private SqliteCommand _pointQuery = null!;
    private int _cursor;

    [GlobalSetup]
    public void Setup()
    {
        _gate = ResidentGate.Open(Users);
        _raw = _gate.Raw;
        _client = _gate.Client;
        _ids = ResidentGate.RandomIds(Users, Slots, seed: 7);
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
        int checkedCount = Math.Min(Slots, 20_000);
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
            if (RawAllows((start + i) & SlotMask))
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
            int slot = (start + i) & SlotMask;
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
            if (SqliteAllows((start + i) & SlotMask))
            {
                allowed++;
            }
        }

        return allowed;
    }

    private int NextBatch()
    {
        int start = _cursor;
        _cursor = (start + Batch) & SlotMask;
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
