using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue 9's targets: durable <c>ReserveAsync</c> (Durability.Full) sustains at least 20,000 reservations/s with 64
/// concurrent callers over 100,000 people, against durable <c>RecordAsync</c> in the same run (the baseline); and
/// allocates at most one small object per call beyond its task (the Allocated column is per reservation). Every person
/// holds a grant, and a business rule (10,000 a month) applies to every send without ever filling, so each call runs
/// the whole path: the gate, the rule's count under the person's lock, and the group-committed ledger row.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ReserveBenchmarks
{
    private const int People = 100_000;
    private const int Callers = 64;
    private const int CallsPerCaller = 100;
    private const int Calls = Callers * CallsPerCaller;

    private string _path = "";
    private CpmClient _client = null!;
    private string[] _people = null!;
    private ConsentCapture[] _captures = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkStore.NewTempPath("reserve");
        CpmOptions options = BenchmarkStore.Options(_path, Durability.Full);
        options.FrequencyRules.Add(new FrequencyRule("*", FrequencyCap.MaxAllowed, FrequencyPeriod.Month));
        _client = CpmClient.OpenAsync(options).GetAwaiter().GetResult();
        _people = [.. Enumerable.Range(0, People).Select(BenchmarkStore.UserId)];
        Parallel.ForEach(
            Enumerable.Range(0, Callers),
            caller =>
            {
                for (int i = caller; i < People; i += Callers)
                {
                    _client.RecordAsync(new ConsentCapture(_people[i], BenchmarkStore.Purpose, "*", ConsentChoice.Granted)).AsTask().GetAwaiter().GetResult();
                }
            });
        _captures = [.. Enumerable.Range(0, Calls).Select(i => new ConsentCapture(_people[i * 7919 % People], BenchmarkStore.Purpose, "sms", ConsentChoice.Granted))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        BenchmarkStore.Delete(_path);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task RecordAsync64Callers() => Run(async (first, count) =>
    {
        for (int i = first; i < first + count; i++)
        {
            await _client.RecordAsync(_captures[i]).ConfigureAwait(false);
        }
    });

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task ReserveAsync64Callers() => Run(async (first, count) =>
    {
        // Each invocation walks on through the people, so the sends spread over all 100,000.
        int offset = Interlocked.Add(ref _next, count) * 7919;
        for (int i = 0; i < count; i++)
        {
            string person = _people[(int)((uint)(offset + (i * 104_729)) % People)];
            SendDecision decision = await _client.ReserveAsync(person, BenchmarkStore.Purpose, "sms").ConfigureAwait(false);
            if (!decision.IsAllowed)
            {
                throw new InvalidOperationException($"A reservation was refused ({decision.Reason}); the benchmark measures allowed ones.");
            }
        }
    });

    private static Task Run(Func<int, int, Task> slice)
    {
        var callers = new Task[Callers];
        for (int c = 0; c < Callers; c++)
        {
            int first = c * CallsPerCaller;
            callers[c] = Task.Run(() => slice(first, CallsPerCaller));
        }

        return Task.WhenAll(callers);
    }
}
