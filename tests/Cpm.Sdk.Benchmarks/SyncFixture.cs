using System.Diagnostics;
using Cpm.ReferenceServer;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Stores and servers for the sync benchmarks: a client store holding 100,000 undelivered captures, and a server
/// store holding the same 100,000 events, each built once and copied per iteration.
/// </summary>
internal static class SyncFixture
{
    public const string ApiKey = "bench-key";
    public const int Events = 100_000;

    public static string Folder { get; } = Path.Combine(BenchmarkStore.Folder, "sync");

    /// <summary>A client store with <see cref="Events"/> captures in its outbox.</summary>
    public static string ClientTemplate() => Cached("client-outbox.db", path =>
    {
        using CpmClient client = CpmClient.OpenAsync(BenchmarkStore.Options(path, Durability.Normal)).GetAwaiter().GetResult();
        Parallel.For(0, 64, caller =>
        {
            for (int i = caller; i < Events; i += 64)
            {
                client.RecordAsync(new ConsentCapture(BenchmarkStore.UserId(i % 20_000), "marketing", "sms", (ConsentChoice)(i % 3))
                {
                    Source = "web",
                    Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.7" },
                }).AsTask().GetAwaiter().GetResult();
            }
        });
    });

    /// <summary>A server store holding the client template's events.</summary>
    public static string ServerTemplate() => Cached("server-events.db", path =>
    {
        string client = Copy(ClientTemplate(), "template-drain");
        ReferenceServerHost server = StartServer(path);
        using (CpmClient drained = CpmClient.OpenAsync(ClientOptions(client, server.BaseAddress)).GetAwaiter().GetResult())
        {
            WaitUntil(() => drained.Status.OutboxDepth == 0, TimeSpan.FromMinutes(5));
        }

        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        BenchmarkStore.Delete(client);
    });

    public static ReferenceServerHost StartServer(string databasePath) => ReferenceServerHost.StartAsync(new ReferenceServerOptions
    {
        DatabasePath = databasePath,
        ApiKeys = [ApiKey],
        Purposes = { new PurposeDefinition { Id = "marketing" }, new PurposeDefinition { Id = "personalisation", MinimumPolicyVersion = 2 } },
        Channels = { "sms", "email", "wechat", "app-push" },
    }).GetAwaiter().GetResult();

    public static CpmOptions ClientOptions(string databasePath, Uri endpoint)
    {
        CpmOptions options = BenchmarkStore.Options(databasePath);
        options.Endpoint = endpoint;
        options.ApiKey = ApiKey;
        options.PollWait = TimeSpan.FromSeconds(10);
        options.MaxBackoff = TimeSpan.FromSeconds(1);
        return options;
    }

    /// <summary>Copies a closed store to a fresh path in the sync folder.</summary>
    public static string Copy(string template, string prefix)
    {
        string path = Path.Combine(Folder, $"{prefix}-{Guid.NewGuid():N}.db");
        File.Copy(template, path);
        return path;
    }

    /// <summary>Spins until the condition holds; a benchmark measures to the moment it does.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (watch.Elapsed > deadline)
            {
                throw new TimeoutException($"not reached within {deadline}");
            }

            spinner.SpinOnce();
        }
    }

    private static string Cached(string name, Action<string> build)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, name);
        string marker = path + ".complete";
        if (!File.Exists(marker) || !File.Exists(path))
        {
            BenchmarkStore.Delete(path);
            build(path);
            File.WriteAllText(marker, $"{Events} events\n");
        }

        return path;
    }
}
