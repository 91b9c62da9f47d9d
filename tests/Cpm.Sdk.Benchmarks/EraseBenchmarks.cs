using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: <c>EraseAsync</c> of a person with 1,000 records in at most 50 ms. The store is a copy of the
/// 1,000,000-person resident store (every other person stays), opened with <c>Durability.Full</c>. Before each
/// iteration, not measured, a new person gets 1,000 records through <c>RecordAsync</c> (64 callers; 3 purposes, 5
/// channels, all three choices, each with two evidence fields) and a phone number and an email address through
/// <c>LinkAsync</c>; the iteration is the erasure alone: 1,002 events scrubbed, their state rows, aliases and
/// index entries gone, the tombstone and the erasure event committed. Baseline: one durable <c>RecordAsync</c> for such a
/// person (one commit of the same writer). GlobalSetup erases one person first and checks the receipt and the gate.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 20, invocationCount: 1)]
public class EraseBenchmarks
{
    private const int Records = 1_000;
    private const int Callers = 64;

    private static readonly string[] Purposes = ["marketing", "analytics", "personalisation"];
    private static readonly string[] Channels = ["sms", "email", "wechat", "app-push", "*"];

    private string _path = "";
    private CpmClient _client = null!;
    private int _people;
    private string _person = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkStore.NewTempPath("erase");
        File.Copy(BenchmarkStore.Resident(1_000_000), _path);
        _client = CpmClient.OpenAsync(BenchmarkStore.Options(_path)).GetAwaiter().GetResult();

        NewPerson();
        ErasureReceipt receipt = EraseAsync().GetAwaiter().GetResult();
        ConsentDecision decision = _client.Evaluate(_person, "marketing", "sms");
        if (receipt.EventsScrubbed != Records + 2 || receipt.EvidenceErased != Records || receipt.AliasesErased != 2
            || decision.Reason != DecisionReason.Erased || _client.Resolve(Phone(_people)) is not null)
        {
            throw new InvalidOperationException(
                $"The erasure scrubbed {receipt.EventsScrubbed} events, {receipt.EvidenceErased} with evidence, {receipt.AliasesErased} aliases; the gate says {decision.Reason}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        BenchmarkStore.Delete(_path);
    }

    [IterationSetup]
    public void NewPerson()
    {
        _person = $"erase-{++_people:D6}";
        long start = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        Task.WaitAll([.. Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (int i = caller; i < Records; i += Callers)
            {
                await _client.RecordAsync(new ConsentCapture(_person, Purposes[i % 3], Channels[i % 5], (ConsentChoice)(i / 3 % 3))
                {
                    OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(start + (i * 60_000L)),
                    Source = "web",
                    Evidence = new Dictionary<string, string> { ["ip"] = $"203.0.113.{i % 256}", ["form"] = $"signup-v{i % 7}" },
                });
            }
        }))]);
        _client.LinkAsync(_person, Phone(_people)).AsTask().GetAwaiter().GetResult();
        _client.LinkAsync(_person, $"email:{_person}@example.com").AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<ConsentRecord> RecordOne() =>
        _client.RecordAsync(new ConsentCapture(_person, "marketing", "sms", ConsentChoice.Granted) { Source = "web" });

    [Benchmark]
    public ValueTask<ErasureReceipt> EraseAsync() => _client.EraseAsync(_person);

    private static string Phone(int person) => $"phone:+86139{person:D8}";
}
