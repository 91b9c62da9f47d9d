using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cpm.ReferenceServer;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Sync throughput against the reference server on loopback, 100,000 events each way (targets: 10 s each).
/// <c>DrainOutbox</c>: a client holding 100,000 undelivered captures starts syncing; measured until its outbox is
/// empty. <c>PullAndMerge</c>: a fresh client pulls the 100,000 events from the server and merges them through
/// its writer (one <c>SyncNowAsync</c>).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class SyncBenchmarks
{
    private ReferenceServerHost? _server;
    private CpmClient? _client;
    private readonly List<string> _files = [];

    [GlobalSetup]
    public void Setup()
    {
        SyncFixture.ClientTemplate();
        SyncFixture.ServerTemplate();
    }

    [IterationSetup(Target = nameof(DrainOutbox))]
    public void SetupDrain() => Prepare(SyncFixture.Copy(SyncFixture.ClientTemplate(), "drain-client"), Track(Path.Combine(SyncFixture.Folder, $"drain-server-{Guid.NewGuid():N}.db")));

    [IterationSetup(Target = nameof(PullAndMerge))]
    public void SetupPull() => Prepare(Track(BenchmarkStore.NewTempPath("pull-client")), SyncFixture.Copy(SyncFixture.ServerTemplate(), "pull-server"));

    [Benchmark]
    public long DrainOutbox()
    {
        _client!.StartSync();
        SyncFixture.WaitUntil(() => _client.Status.OutboxDepth == 0, TimeSpan.FromMinutes(2));
        return _server!.EventCount();
    }

    [Benchmark]
    public int PullAndMerge()
    {
        SyncResult result = _client!.SyncNowAsync().GetAwaiter().GetResult();
        return result.Pulled == SyncFixture.Events ? result.Pulled : throw new InvalidOperationException($"pulled {result.Pulled}: {result.Status.LastError}");
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _files.ForEach(BenchmarkStore.Delete);
        _files.Clear();
    }

    private void Prepare(string clientPath, string serverPath)
    {
        Track(clientPath);
        Track(serverPath);
        _server = SyncFixture.StartServer(serverPath);

        // Opened without starting the loops, so only the benchmark body syncs.
        _client = CpmClient.Open(SyncFixture.ClientOptions(clientPath, _server.BaseAddress), loggerFactory: null, httpClientFactory: null);
    }

    private string Track(string path)
    {
        _files.Add(path);
        return path;
    }
}
