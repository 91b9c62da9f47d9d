using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

[Collection(HeavyTests.Name)]
public sealed class FaultToleranceTests
{
    private const int Events = 1_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Outbox_drains_fully_through_errors_throttling_timeouts_and_dropped_connections()
    {
        using var temp = new TempStore();
        var faults = new FaultInjector(seed: 42, slowDelay: TimeSpan.FromSeconds(3));
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, faults.Install);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 50; // more requests, so more of them meet a fault
        await using CpmClient client = await CpmClient.OpenAsync(options);

        var captured = new HashSet<Guid>();
        for (int i = 0; i < Events; i++)
        {
            captured.Add((await client.RecordAsync(new ConsentCapture($"user-{i % 100}", "marketing", "sms", ConsentChoice.Granted))).Id);
        }

        await SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, Deadline, "the outbox drains despite the faults");

        faults.Injected.Should().BeGreaterThan(10, "the faults must actually have been exercised");
        IReadOnlyList<Guid> stored = server.EventIds();
        stored.Should().HaveCount(Events, "nothing is lost and nothing is stored twice");
        stored.ToHashSet().SetEquals(captured).Should().BeTrue();
        client.Status.DeadLetterCount.Should().Be(0, "transient faults never dead-letter an event");
    }
}
