using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

[Collection(HeavyTests.Name)]
public sealed class OfflineReconnectTests
{
    private const int Events = 2_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Captures_made_offline_arrive_exactly_once_after_the_server_comes_up()
    {
        using var temp = new TempStore();

        // Find a free loopback port for the server, then take the server down before the client starts.
        Uri endpoint;
        await using (ReferenceServerHost probe = await SyncHarness.StartServerAsync(temp.Directory))
        {
            endpoint = probe.BaseAddress;
        }

        await using CpmClient client = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, endpoint));
        var captured = new HashSet<Guid>();
        for (int i = 0; i < Events; i++)
        {
            ConsentRecord record = await client.RecordAsync(new ConsentCapture($"user-{i % 300}", "marketing", i % 3 == 0 ? "*" : "sms", (ConsentChoice)(i % 3)));
            captured.Add(record.Id);
        }

        // Offline: the gate works and the outbox holds everything.
        client.Evaluate("user-1", "marketing", "sms").RecordId.Should().NotBeNull();
        await SyncHarness.EventuallyAsync(() => client.Status.State == SyncState.Offline && client.Status.LastError is not null, Deadline, "status Offline with an error");
        client.Status.OutboxDepth.Should().Be(Events);

        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, url: endpoint.GetLeftPart(UriPartial.Authority));
        await SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, Deadline, "the outbox drains after the reconnect");
        await SyncHarness.EventuallyAsync(() => client.Status.State == SyncState.Online, Deadline, "status Online");

        IReadOnlyList<Guid> stored = server.EventIds();
        stored.Should().HaveCount(Events, "the server holds every event once");
        stored.ToHashSet().SetEquals(captured).Should().BeTrue("the server's set equals the client's");
        client.Status.DeadLetterCount.Should().Be(0);
        client.Status.LastPushAt.Should().NotBeNull();
    }
}
