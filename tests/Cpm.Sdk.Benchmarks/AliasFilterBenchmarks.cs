using BenchmarkDotNet.Attributes;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// An SMS audience given as phone numbers: <c>FilterAliases</c> over 1,000 aliases of random residents (of the
/// 1,000,000, each with a phone number and an email address), and <c>EvaluateAlias</c> on each, beside the baseline
/// <c>Filter</c> over the same people's user ids (purpose <c>marketing</c>, channel <c>sms</c>, fully enumerated).
/// <see cref="Kind"/>: the audience's aliases are phone numbers, or email addresses. Every path is checked to keep the
/// same people before measuring.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AliasFilterBenchmarks
{
    private const int Users = 1_000_000;
    private const int Audience = 1_000;
    private const string Channel = "sms";

    private CpmClient _client = null!;
    private string[] _ids = null!;
    private string[] _aliases = null!;

    /// <summary>The kind of alias the audience is given as.</summary>
    [Params("phone", "email")]
    public string Kind { get; set; } = "phone";

    [GlobalSetup]
    public void Setup()
    {
        _client = CpmClient.OpenAsync(BenchmarkStore.Options(BenchmarkStore.Resident(Users))).GetAwaiter().GetResult();
        var random = new Random(13);
        int[] people = [.. Enumerable.Range(0, Audience).Select(_ => random.Next(Users))];
        _ids = Array.ConvertAll(people, BenchmarkStore.UserId);
        Func<int, string> alias = Kind == "phone" ? ResidentAliases.Phone : ResidentAliases.Email;
        _aliases = [.. people.Select(alias)];
        int kept = Filter();
        Console.WriteLine($"// Filter keeps {kept:N0} of {Audience:N0}");
        if (FilterAliases() != kept || EvaluateAliasLoop() != kept)
        {
            throw new InvalidOperationException("The alias paths keep other people than Filter.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Baseline = true)]
    public int Filter()
    {
        int kept = 0;
        foreach (string _ in _client.Filter(_ids, BenchmarkStore.Purpose, Channel))
        {
            kept++;
        }

        return kept;
    }

    [Benchmark]
    public int FilterAliases()
    {
        int kept = 0;
        foreach (string _ in _client.FilterAliases(_aliases, BenchmarkStore.Purpose, Channel))
        {
            kept++;
        }

        return kept;
    }

    [Benchmark]
    public int EvaluateAliasLoop()
    {
        int kept = 0;
        foreach (string alias in _aliases)
        {
            if (_client.EvaluateAlias(alias, BenchmarkStore.Purpose, Channel).IsAllowed)
            {
                kept++;
            }
        }

        return kept;
    }
}
