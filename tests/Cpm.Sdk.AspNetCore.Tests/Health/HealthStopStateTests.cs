using System.Security.Cryptography;
using System.Text.Json;
using Cpm.ReferenceServer;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cpm.Sdk.AspNetCore.Tests.Health;

/// <summary>
/// The stop states through <c>MapHealthChecks</c>: sync that waits for someone to act (a refused key, another protocol
/// version, a rewritten history) is Unhealthy (503), or the host's failure status.
/// </summary>
[Collection(HealthCollection.Name)]
public sealed class HealthStopStateTests
{
    [Fact]
    public async Task A_refused_api_key_is_unhealthy_and_healthy_again_once_a_round_succeeds()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, TimeProvider.System);
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);
        harness.Catalog = HealthHarness.Answer(401, """{"error":"unauthorized","message":"who is user-1?"}""");

        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.AuthFailed);
        JsonElement entry = await HealthCheckTests.ExpectAsync(site, 503, "Unhealthy", ["AuthFailed"]);

        entry.GetProperty("description").GetString().Should().Contain("refused the API key");
        harness.Catalog = null;
        await client.SyncNowAsync();
        await HealthCheckTests.ExpectAsync(site, 200, "Healthy", []);
    }

    [Fact]
    public async Task An_endpoint_of_another_protocol_version_is_unhealthy()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, TimeProvider.System);
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);
        harness.Push = HealthHarness.Answer(400, """{"error":"unsupported protocol version"}""");
        await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));

        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Incompatible);
        JsonElement entry = await HealthCheckTests.ExpectAsync(site, 503, "Unhealthy", []);

        entry.GetProperty("description").GetString().Should().Contain("Incompatible");
    }

    [Fact]
    public async Task A_rewritten_history_is_unhealthy()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        (CpmClient pinned, string authority) = await PinnedClientAsync(store, harness);
        await using CpmClient client = pinned;
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);

        await using (ReferenceServerHost rekeyed = await harness.StartServerAsync(store.Directory, authority, other.ExportPkcs8PrivateKeyPem()))
        {
            (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.HistoryRewritten);
            JsonElement entry = await HealthCheckTests.ExpectAsync(site, 503, "Unhealthy", ["HistoryRewritten"]);
            entry.GetProperty("description").GetString().Should().Contain("HistoryRewritten");
        }
    }

    [Fact]
    public async Task A_failure_status_of_degraded_reports_a_stopped_sync_as_degraded()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, TimeProvider.System);
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client, HealthStatus.Degraded);
        harness.Catalog = HealthHarness.Answer(403, """{"error":"forbidden"}""");

        await client.SyncNowAsync();

        await HealthCheckTests.ExpectAsync(site, 200, "Degraded", ["AuthFailed"]);
    }

    /// <summary>A client that synced once with the honest server (key pinned, checkpoint kept), which is then stopped.</summary>
    private static async Task<(CpmClient Client, string Authority)> PinnedClientAsync(TempStore store, HealthHarness harness)
    {
        await using ReferenceServerHost honest = await harness.StartServerAsync(store.Directory);
        CpmClient client = HealthHarness.Open(store, honest.BaseAddress, TimeProvider.System);
        await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        return (client, honest.BaseAddress.GetLeftPart(UriPartial.Authority));
    }
}
