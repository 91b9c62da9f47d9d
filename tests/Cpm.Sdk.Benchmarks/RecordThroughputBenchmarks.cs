using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: durable <c>RecordAsync</c> (Durability.Full) sustains at least 20,000 records/s with
/// 64 concurrent callers, thanks to group commit. Times are per record (OperationsPerInvoke), so
/// records/s = 1e9 / mean in ns. One fresh store per run (GlobalSetup); captures are built once.
/// Durability.Normal is measured too, to show how much of the cost is the fsync.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class RecordThroughputBenchmarks
{
    private const int SequentialRecords = 640;
    private const int Callers = 64;
    private const int RecordsPerCaller = 100;
    private const int ConcurrentRecords = Callers * RecordsPerCaller;

    private static readonly Dictionary<string, string> Evidence = new(StringComparer.Ordinal)
    {
        ["ip"] = "203.0.113.7",
        ["form"] = "signup-v3",
    };

    private string _path = "";
    private CpmClient _client = null!;
    private ConsentCapture[] _captures = null!;

    [Params(Durability.Full, Durability.Normal)]
    public Durability Durability { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkStore.NewTempPath("record");
        _client = CpmClient.OpenAsync(BenchmarkStore.Options(_path, Durability)).GetAwaiter().GetResult();
        string[] channels = [.. BenchmarkStore.Channels, "*"];
        _captures = new ConsentCapture[ConcurrentRecords];
        for (int i = 0; i < _captures.Length; i++)
        {
            _captures[i] = new ConsentCapture(
                BenchmarkStore.UserId(i),
                BenchmarkStore.Purpose,
                channels[i % channels.Length],
                (ConsentChoice)(i % 3))
            {
                Source = "web",
                Jurisdiction = "PIPL",
                Evidence = Evidence,
            };
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        BenchmarkStore.Delete(_path);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SequentialRecords)]
    public async Task OneCaller()
    {
        for (int i = 0; i < SequentialRecords; i++)
        {
            await _client.RecordAsync(_captures[i]).ConfigureAwait(false);
        }
    }

    [Benchmark(OperationsPerInvoke = ConcurrentRecords)]
    public Task SixtyFourCallers()
    {
        var callers = new Task[Callers];
        for (int c = 0; c < Callers; c++)
        {
            callers[c] = RecordSlice(c * RecordsPerCaller);
        }

        return Task.WhenAll(callers);
    }

    private async Task RecordSlice(int first)
    {
        // Start on the thread pool so the 64 callers really run at once.
        await Task.Yield();
        for (int i = first; i < first + RecordsPerCaller; i++)
        {
            await _client.RecordAsync(_captures[i]).ConfigureAwait(false);
        }
    }
}
