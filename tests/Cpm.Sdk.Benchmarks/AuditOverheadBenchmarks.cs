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
    /// <summary>Records per invocation: 64 callers × 100.</summary>
    internal const int Records = Callers * RecordsPerCaller;

    private const int Callers = 64;
    private const int RecordsPerCaller = 100;

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
    public Task WithoutAuditLog() => RecordAll(_client, _captures);

    /// <summary>64 callers × 100 records, each appended to the audit log: the SDK as it ships.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public Task WithAuditLog() => RecordAll(_client, _captures);

    private void Setup(bool auditLog)
    {
        _path = BenchmarkStore.NewTempPath("audit-overhead");
        _client = CpmClient.OpenAsync(BenchmarkStore.Options(_path, Durability, auditLog)).GetAwaiter().GetResult();
        _captures = Captures();

        // The switch must do what it says, and the log must be real when it is on.
        _client.RecordAsync(_captures[0]).AsTask().GetAwaiter().GetResult();
        long logged = _client.GetCheckpointAsync().GetAwaiter().GetResult().Size;
        if (logged != (auditLog ? 1 : 0))
        {
            throw new InvalidOperationException($"Expected {(auditLog ? 1 : 0)} logged events, found {logged}.");
        }
    }

    /// <summary>The 6,400 captures every invocation records: the same as <see cref="RecordThroughputBenchmarks"/>.</summary>
    internal static ConsentCapture[] Captures()
    {
        string[] channels = [.. BenchmarkStore.Channels, "*"];
        var captures = new ConsentCapture[Records];
        for (int i = 0; i < captures.Length; i++)
        {
            captures[i] = new ConsentCapture(BenchmarkStore.UserId(i), BenchmarkStore.Purpose, channels[i % channels.Length], (ConsentChoice)(i % 3))
            {
                Source = "web",
                Jurisdiction = "PIPL",
                Evidence = Evidence,
            };
        }

        return captures;
    }

    /// <summary>Records every capture, 64 callers at once, 100 each.</summary>
    internal static Task RecordAll(CpmClient client, ConsentCapture[] captures)
    {
        var callers = new Task[Callers];
        for (int c = 0; c < Callers; c++)
        {
            callers[c] = RecordSlice(client, captures, c * RecordsPerCaller);
        }

        return Task.WhenAll(callers);
    }

    private static async Task RecordSlice(CpmClient client, ConsentCapture[] captures, int first)
    {
        // Start on the thread pool so the 64 callers really run at once.
        await Task.Yield();
        for (int i = first; i < first + RecordsPerCaller; i++)
        {
            await client.RecordAsync(captures[i]).ConfigureAwait(false);
        }
    }
}
