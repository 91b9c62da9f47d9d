using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: <c>Filter</c> over 1,000,000 candidate ids, fully enumerated, in at most 150 ms.
/// The candidates are every resident user once, each a fresh string instance; purpose <c>marketing</c>, channel
/// <c>sms</c>. <see cref="Order"/>: <c>Shuffled</c> (an audience in no particular order: nearly every lookup
/// misses the CPU caches) or <c>Sorted</c> (the store's user-id order, which is also the order the index was
/// loaded and allocated in: the friendly case). Baseline: the same loop over a plain dictionary holding the answers;
/// <c>CanUseLoop</c> calls <c>CanUse</c> per id, which resolves purpose and channel on every call.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class FilterBenchmarks
{
    private const int Users = 1_000_000;
    private const string Channel = "sms";

    private ResidentGate _gate = null!;
    private string[] _candidates = null!;

    /// <summary>The order of the candidate ids.</summary>
    public enum CandidateOrder
    {
        Shuffled,
        Sorted,
    }

    [Params(CandidateOrder.Shuffled, CandidateOrder.Sorted)]
    public CandidateOrder Order { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gate = ResidentGate.Open(Users);
        _candidates = Order == CandidateOrder.Shuffled
            ? ResidentGate.ShuffledIds(Users, seed: 11)
            : [.. Enumerable.Range(0, Users).Select(BenchmarkStore.UserId)];
        int viaFilter = Filter();
        int viaRaw = DictionaryLoop();
        Console.WriteLine($"// Filter keeps {viaFilter:N0} of {_candidates.Length:N0} candidates");
        if (viaFilter != viaRaw || viaFilter != CanUseLoop())
        {
            throw new InvalidOperationException($"Filter kept {viaFilter}, the baseline {viaRaw}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _gate.Dispose();

    [Benchmark(Baseline = true)]
    public int DictionaryLoop()
    {
        Dictionary<string, byte> raw = _gate.Raw;
        int kept = 0;
        foreach (string id in _candidates)
        {
            if (raw.TryGetValue(id, out byte bits) && (bits & 1) != 0)
            {
                kept++;
            }
        }

        return kept;
    }

    [Benchmark]
    public int CanUseLoop()
    {
        CpmClient client = _gate.Client;
        int kept = 0;
        foreach (string id in _candidates)
        {
            if (client.CanUse(id, BenchmarkStore.Purpose, Channel))
            {
                kept++;
            }
        }

        return kept;
    }

    [Benchmark]
    public int Filter()
    {
        int kept = 0;
        foreach (string _ in _gate.Client.Filter(_candidates, BenchmarkStore.Purpose, Channel))
        {
            kept++;
        }

        return kept;
    }
}
