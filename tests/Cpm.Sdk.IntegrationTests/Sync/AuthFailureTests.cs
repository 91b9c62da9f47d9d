using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

public sealed class AuthFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>How long the test watches for requests after the auth failure; a fixed observation window, not a wait for a condition.</summary>
    private static readonly TimeSpan ObservationWindow = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_wrong_api_key_stops_sync_with_AuthFailed_and_no_retry_loop()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient client = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, apiKey: "wrong-key"));

        await SyncHarness.EventuallyAsync(() => client.Status.State == SyncState.AuthFailed, Deadline, "status AuthFailed");
        client.Status.LastError.Should().Contain("401");

        // Captures still work and queue up; nothing hammers the endpoint.
        int before = server.RequestCount;
        for (int i = 0; i < 20; i++)
        {
            await client.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted));
        }

        await Task.Delay(ObservationWindow);
        (server.RequestCount - before).Should().BeLessThanOrEqualTo(1, "an auth failure is not retried in a loop");
        client.Status.State.Should().Be(SyncState.AuthFailed);
        client.Status.OutboxDepth.Should().Be(20);
        server.EventCount().Should().Be(0);

        SyncResult manual = await client.SyncNowAsync();
        manual.Status.State.Should().Be(SyncState.AuthFailed);
        manual.Pushed.Should().Be(0);
    }
}
