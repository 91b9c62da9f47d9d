using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue 9's target: <c>CanUse</c> on a topic two levels deep is at most 1.5x <c>CanUse</c> on a plain purpose in the
/// same run, and allocates nothing. 1,000,000 resident users (records at <c>marketing</c>, so the topic's answer comes
/// from its ancestor), 1,024 lookups per invocation, hot (1,024 ids) and cold (2^20 random ids), as in
/// <see cref="CanUseBenchmarks"/>: an undeclared topic (<c>marketing.promotions.summer</c>, which takes
/// <c>marketing</c>'s definition) and a declared one (<see cref="BenchmarkStore.DeclaredTopic"/>).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TopicBenchmarks
{
    private const int Users = 1_000_000;
    private const int Batch = 1024;
    private const string UndeclaredTopic = "marketing.promotions.summer";

    private ResidentGate _gate = null!;
    private CpmClient _client = null!;
    private string[] _ids = null!;
    private string[] _channels = null!;
    private int _cursor;
    private int _slotMask;

    /// <summary>How many different ids the invocations cycle through (a power of two, at least 1,024).</summary>
    [Params(1024, 1 << 20)]
    public int DistinctIds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gate = ResidentGate.Open(Users);
        _client = _gate.Client;
        _ids = ResidentGate.RandomIds(Users, DistinctIds, seed: 7);
        _slotMask = DistinctIds - 1;
        _channels = BenchmarkStore.Channels;

        // With records only at the root, a topic answers as its root does: the three paths must agree.
        for (int slot = 0; slot < Math.Min(DistinctIds, 20_000); slot++)
        {
            bool plain = _client.CanUse(_ids[slot], BenchmarkStore.Purpose, _channels[slot & 3]);
            if (_client.CanUse(_ids[slot], UndeclaredTopic, _channels[slot & 3]) != plain
                || _client.CanUse(_ids[slot], BenchmarkStore.DeclaredTopic, _channels[slot & 3]) != plain)
            {
                throw new InvalidOperationException($"A topic does not answer as its root at slot {slot}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _gate.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int CanUsePurpose() => Run(BenchmarkStore.Purpose);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int CanUseUndeclaredTopic() => Run(UndeclaredTopic);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int CanUseDeclaredTopic() => Run(BenchmarkStore.DeclaredTopic);

    private int Run(string purpose)
    {
        int start = _cursor;
        _cursor = (start + Batch) & _slotMask;
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            int slot = (start + i) & _slotMask;
            if (_client.CanUse(_ids[slot], purpose, _channels[slot & 3]))
            {
                allowed++;
            }
        }

        return allowed;
    }
}
