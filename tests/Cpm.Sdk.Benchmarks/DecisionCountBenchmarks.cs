using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue 10 §4: the decision counters by reason are cheap enough for the gate's hot path. <c>CanUse</c> over 1,000,000
/// resident users, 1,024 hot ids per invocation as in <see cref="CanUseBenchmarks"/>, with nobody observing
/// <c>cpm.gate.decisions</c> (the baseline: one flag read per call) and with a <see cref="MeterListener"/> observing it
/// (a striped increment per call). Each benchmark runs in its own process, so the listener exists only in the second.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DecisionCountBenchmarks
{
    private const int Users = 1_000_000;
    private const int Batch = 1024;

    private ResidentGate _gate = null!;
    private CpmClient _client = null!;
    private string[] _ids = null!;
    private string[] _channels = null!;
    private MeterListener? _listener;
    private int _cursor;

    [GlobalSetup(Target = nameof(CanUseUnobserved))]
    public void SetupUnobserved()
    {
        _gate = ResidentGate.Open(Users);
        _client = _gate.Client;
        _ids = ResidentGate.RandomIds(Users, Batch, seed: 7);
        _channels = BenchmarkStore.Channels;
    }

    [GlobalSetup(Target = nameof(CanUseObserved))]
    public void SetupObserved()
    {
        SetupUnobserved();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Cpm.Sdk" && instrument.Name == "cpm.gate.decisions")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.Start();
        _client.CanUse(_ids[0], BenchmarkStore.Purpose, _channels[0]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener?.Dispose();
        _gate.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int CanUseUnobserved() => Run();

    [Benchmark(OperationsPerInvoke = Batch)]
    public int CanUseObserved() => Run();

    private int Run()
    {
        int start = _cursor;
        _cursor = (start + Batch) & (Batch - 1);
        int allowed = 0;
        for (int i = 0; i < Batch; i++)
        {
            int slot = (start + i) & (Batch - 1);
            if (_client.CanUse(_ids[slot], BenchmarkStore.Purpose, _channels[slot & 3]))
            {
                allowed++;
            }
        }

        return allowed;
    }
}
