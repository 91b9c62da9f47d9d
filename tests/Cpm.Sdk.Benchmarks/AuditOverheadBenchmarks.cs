using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: durable <c>RecordAsync</c> with 64 callers keeps at least 90% of its throughput with the audit log,
/// measured side by side. <c>WithoutAuditLog</c> (the baseline) stores events with the internal benchmark-only switch
/// <see cref="CpmOptions.WithoutAuditLogForBenchmarks"/>: no leaf hashing on the callers' threads, no Merkle frontier,
/// <c>merkle_nodes</c> or checkpoints in the writer's batch, no hash columns. <c>WithAuditLog</c> is the SDK as it
/// ships. Times are per record (OperationsPerInvoke), so records/s = 1e9 / mean in ns; a Ratio of 1.11 or less meets
/// the target (throughput is the inverse of time per record). One fresh store per benchmark (GlobalSetup); captures
/// are built once. Durability.Normal is measured too: without the fsync, the log's CPU cost shows more.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class AuditOverheadBenchmarks
{
    private const int Callers = 64;
    private const int RecordsPerCaller = 100;
    private const int Records = Callers * RecordsPerCaller;

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

    [GlobalSetup(Target = nameof(WithoutAuditLog))]
    public void SetupWithout() => Setup(auditLog: false);

    [GlobalSetup(Target = nameof(WithAuditLog))]
    public void SetupWith() => Setup(auditLog: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        BenchmarkStore.Delete(_path);
    }

    /// <summary>64 callers × 100 records, stored without the audit log (benchmark-only switch).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public Task WithoutAuditLog() => RecordAll();

    /// <summary>64 callers × 100 records, each appended to the audit log: the SDK as it ships.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public Task WithAuditLog() => RecordAll();

    private void Setup(bool auditLog)
    {
        _path = BenchmarkStore.NewTempPath("audit-overhead");
        _client = CpmClient.OpenAsync(BenchmarkStore.Options(_path, Durability, auditLog)).GetAwaiter().GetResult();
        string[] channels = [.. BenchmarkStore.Channels, "*"];
        _captures = new ConsentCapture[Records];
        for (int i = 0; i < _captures.Length; i++)
        {
            _captures[i] = new ConsentCapture(BenchmarkStore.UserId(i), BenchmarkStore.Purpose, channels[i % channels.Length], (ConsentChoice)(i % 3))
            {
                Source = "web",
                Jurisdiction = "PIPL",
                Evidence = Evidence,
            };
        }

        // The switch must do what it says, and the log must be real when it is on.
        _client.RecordAsync(_captures[0]).AsTask().GetAwaiter().GetResult();
        long logged = _client.GetCheckpointAsync().GetAwaiter().GetResult().Size;
        if (logged != (auditLog ? 1 : 0))
        {
            throw new InvalidOperationException($"Expected {(auditLog ? 1 : 0)} logged events, found {logged}.");
        }
    }

    private Task RecordAll()
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
