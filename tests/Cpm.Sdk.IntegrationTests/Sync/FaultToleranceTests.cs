using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

[Collection(HeavyTests.Name)]
public sealed class FaultToleranceTests
{
    private const int Events = 2_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Captures_made_offline_drain_exactly_once_through_errors_throttling_timeouts_and_dropped_connections()
    {
        using var temp = new TempStore();

        // Find a free loopback port for the server, then take the server down before the client starts.
        Uri endpoint;
        await using (ReferenceServerHost probe = await SyncHarness.StartServerAsync(Path.Combine(temp.Directory, "probe")))
        {
            endpoint = probe.BaseAddress;
        }

        CpmOptions options = SyncHarness.ClientOptions(temp, endpoint);
        options.PushBatchSize = 250;                   // eight batches: enough requests for every kind of fault
        options.MaxBackoff = FaultInjector.RetryAfter;  // not below Retry-After, so the 429's wait is the server's, not the cap
        await using CpmClient client = await CpmClient.OpenAsync(options);
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Events), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            ids.Add((await client.RecordAsync(new ConsentCapture($"user-{i % 300}", "marketing", i % 3 == 0 ? "*" : "sms", (ConsentChoice)(i % 3)), ct)).Id));
        var captured = ids.ToHashSet();

        client.Status.OutboxDepth.Should().Be(Events, "every capture was made offline");

        var faults = new FaultInjector(seed: 42, slowDelay: TimeSpan.FromSeconds(3));
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, faults.Install, url: endpoint.GetLeftPart(UriPartial.Authority));
        await SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, Deadline, "the outbox drains despite the faults");

        faults.Injected.Should().BeGreaterThan(10, "the faults must actually have been exercised");
        server.DuplicateCount.Should().BeGreaterThan(0, "answers lost after the server stored the events were retried into duplicates");
        faults.Throttled.Should().BeGreaterThan(0);
        faults.WaitedAfterThrottle.Should().BeGreaterThan(0, "the client waited as Retry-After asked before trying again");
        IReadOnlyList<Guid> stored = server.EventIds();
        stored.Should().HaveCount(Events, "nothing is lost and nothing is stored twice");
        stored.ToHashSet().SetEquals(captured).Should().BeTrue();
        client.Status.DeadLetterCount.Should().Be(0, "transient faults never dead-letter an event");
    }
}
