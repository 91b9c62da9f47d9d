using System.Diagnostics;
using System.Globalization;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// The cached store the evidence benchmarks read: 1,000,000 captures spread evenly over 30 days, written through
/// <see cref="CpmClient.RecordAsync"/> (64 callers, <see cref="Durability.Normal"/>) so every row is what the SDK
/// itself writes, audit columns included. 100,000 people with 10 records each, over 3 purposes × 4 channels and
/// <c>*</c>, 4 sources and 3 jurisdictions, with a small evidence map. Kept in <see cref="BenchmarkStore.Folder"/>,
/// keyed by size and generator version, and reused by later runs.
/// </summary>
internal static class EvidenceStore
{
    public const int Events = 1_000_000;
    public const int People = 100_000;

    /// <summary>Bump when the generated data changes, so stale cached files are not reused.</summary>
    /// <remarks>Version 2: written with the audit log (leaf hashes, <c>merkle_nodes</c>, a checkpoint per commit).</remarks>
    private const int GeneratorVersion = 2;

    private static readonly string[] Purposes = ["marketing", "analytics", "personalisation"];
    private static readonly string[] Channels = [.. BenchmarkStore.Channels, "*"];
    private static readonly string[] Sources = ["web", "app", "miniprogram", "store"];
    private static readonly string[] Jurisdictions = ["PIPL", "GDPR", "CCPA"];

    /// <summary>The span the events occur in.</summary>
    public static TimeSpan Period { get; } = TimeSpan.FromDays(30);

    /// <summary>Returns the path of the store, generating it once, and the instant its first event occurred.</summary>
    public static (string Path, DateTimeOffset Start) Get()
    {
        Directory.CreateDirectory(BenchmarkStore.Folder);
        string path = Path.Combine(BenchmarkStore.Folder, $"evidence-{Events}-v{GeneratorVersion}.db");
        string marker = path + ".complete";
        if (!File.Exists(marker) || !File.Exists(path))
        {
            BenchmarkStore.Delete(path);
            File.Delete(marker);
            var watch = Stopwatch.StartNew();
            DateTimeOffset start = TimeProvider.System.GetUtcNow().AddDays(-31);
            Generate(path, start).GetAwaiter().GetResult();
            File.WriteAllText(marker, start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"// Generated {path} ({Events:N0} events, {new FileInfo(path).Length / 1048576.0:F0} MiB) in {watch.Elapsed.TotalSeconds:F1} s");
        }

        long startMs = long.Parse(File.ReadAllText(marker), CultureInfo.InvariantCulture);
        return (path, DateTimeOffset.FromUnixTimeMilliseconds(startMs));
    }

    public static CpmOptions Options(string path)
    {
        CpmOptions options = BenchmarkStore.Options(path, Durability.Normal);
        options.Controller = new DataController { Name = "Example Retail (Shanghai) Co., Ltd.", Email = "dpo@example.com" };
        return options;
    }

    private static async Task Generate(string path, DateTimeOffset start)
    {
        const int Callers = 64;
        long stepTicks = Period.Ticks / Events;
        await using CpmClient client = await CpmClient.OpenAsync(Options(path)).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (int i = caller; i < Events; i += Callers)
            {
                var random = new Random(i);
                double roll = random.NextDouble();
                await client.RecordAsync(new ConsentCapture(
                    BenchmarkStore.UserId(i % People),
                    Purposes[random.Next(Purposes.Length)],
                    Channels[random.Next(Channels.Length)],
                    roll < 0.6 ? ConsentChoice.Granted : roll < 0.85 ? ConsentChoice.Denied : ConsentChoice.Withdrawn)
                {
                    OccurredAt = start.AddTicks(stepTicks * i),
                    Source = Sources[random.Next(Sources.Length)],
                    Jurisdiction = Jurisdictions[random.Next(Jurisdictions.Length)],
                    Evidence = new Dictionary<string, string>
                    {
                        ["ip"] = string.Create(CultureInfo.InvariantCulture, $"203.0.113.{i % 250}"),
                        ["userAgent"] = "Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0",
                    },
                }).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
    }
}
