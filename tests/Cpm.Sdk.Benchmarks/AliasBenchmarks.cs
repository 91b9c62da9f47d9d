using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: <c>Resolve</c> + <c>CanUse</c> over 1,000,000 resident users with 2 aliases each (a phone number and
/// an email address) costs at most 2x <c>CanUse</c> alone, measured in the same run, and allocates nothing.
/// Every invocation asks about 1,024 people (OperationsPerInvoke), walking arrays of random residents: the baseline asks
/// <c>CanUse</c> by user id; the others start from the same person's alias instead (a phone number for even slots, an
/// email address for odd ones, each a fresh string as a sender's would be). <c>DistinctIds</c> as in
/// <see cref="CanUseBenchmarks"/>: 1,024 people, hot in the CPU caches, or 2^20 random ones, nearly every lookup a miss.
/// <c>DictionaryAndCanUse</c> resolves through a plain <see cref="Dictionary{TKey, TValue}"/> of the 2,000,000 aliases
/// (already normalised) instead: the floor for any alias map of that size beside the gate index, without normalising.
/// Every path is checked to agree before measuring.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AliasBenchmarks
{
    private const int Users = 1_000_000;
    private const int Batch = 1024;

    private CpmClient _client = null!;
    private string[] _ids = null!;
    private string[] _aliases = null!;
    private string[] _channels = null!;
    private Dictionary<string, string> _dictionary = null!;
    private int _cursor;
    private int _slotMask;

    /// <summary>How many different people the invocations cycle through (a power of two, at least 1,024).</summary>
    [Params(1024, 1 << 20)]
    public int DistinctIds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _client = CpmClient.OpenAsync(BenchmarkStore.Options(BenchmarkStore.Resident(Users))).GetAwaiter().GetResult();
        var random = new Random(7);
        _ids = new string[DistinctIds];
        _aliases = new string[DistinctIds];
        for (int slot = 0; slot < DistinctIds; slot++)
        {
            int person = random.Next(Users);
            _ids[slot] = BenchmarkStore.UserId(person);
            _aliases[slot] = (slot & 1) == 0 ? ResidentAliases.Phone(person) : ResidentAliases.Email(person);
        }

        _slotMask = DistinctIds - 1;
        _channels = BenchmarkStore.Channels;
        _dictionary = new Dictionary<string, string>(2 * Users, StringComparer.Ordinal);
        for (int person = 0; person < Users; person++)
        {
            string user = BenchmarkStore.UserId(person);
            _dictionary.Add(ResidentAliases.Phone(person), user);
            _dictionary.Add(ResidentAliases.Email(person), user);
        }

        int checkedCount = Math.Min(DistinctIds, 20_000);
        for (int slot = 0; slot < checkedCount; slot++)
        {
            string channel = _channels[slot & 3];
            bool expected = _client.CanUse(_ids[slot], BenchmarkStore.Purpose, channel);
            if (_client.Resolve(_aliases[slot]) != _ids[slot] || _dictionary[_aliases[slot]] != _ids[slot]
                || _client.EvaluateAlias(_aliases[slot], BenchmarkStore.Purpose, channel).IsAllowed != expected)
            {
                throw new InvalidOperationException($"The alias paths disagree with CanUse at slot {slot}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
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
    public int ResolveAndCanUse()
    {
        int start = NextBatch();
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            int slot = (start + i) & _slotMask;
            if (_client.Resolve(_aliases[slot]) is { } user && _client.CanUse(user, BenchmarkStore.Purpose, _channels[slot & 3]))
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int DictionaryAndCanUse()
    {
        int start = NextBatch();
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            int slot = (start + i) & _slotMask;
            if (_dictionary.TryGetValue(_aliases[slot], out string? user) && _client.CanUse(user, BenchmarkStore.Purpose, _channels[slot & 3]))
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int EvaluateAlias()
    {
        int start = NextBatch();
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            int slot = (start + i) & _slotMask;
            if (_client.EvaluateAlias(_aliases[slot], BenchmarkStore.Purpose, _channels[slot & 3]).IsAllowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    /// <summary>The alias lookup alone: what <c>ResolveAndCanUse</c> adds to the baseline.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Resolve()
    {
        int start = NextBatch();
        int found = 0;
        for (int i = 0; i < Batch; i++)
        {
            if (_client.Resolve(_aliases[(start + i) & _slotMask]) is not null)
            {
                found++;
            }
        }

        return found;
    }

    private int NextBatch()
    {
        int start = _cursor;
        _cursor = (start + Batch) & _slotMask;
        return start;
    }
}
