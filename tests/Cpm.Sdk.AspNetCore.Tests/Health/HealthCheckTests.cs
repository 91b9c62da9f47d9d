using System.Text.Json;
using Cpm.ReferenceServer;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.AspNetCore.Tests.Health;

/// <summary>
/// <c>AddHealthChecks().AddCpm()</c> through <c>MapHealthChecks</c>, with a real client driven into each state against
/// the reference server on 127.0.0.1 (scripted to misbehave) and a fake clock: each alert maps to Degraded or
/// Unhealthy, and back to Healthy once it clears. The report never holds a user id.
/// </summary>
[Collection(HealthCollection.Name)]
public sealed class HealthCheckTests
{
    private static readonly Dictionary<string, string> Evidence = new() { ["ip"] = "203.0.113.77" };

    [Fact]
    public async Task An_offline_only_client_is_healthy_with_sync_disabled()
    {
        using var store = new TempStore();
        await using CpmClient client = HealthHarness.Open(store, endpoint: null, TimeProvider.System);
        await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted) { Evidence = Evidence });
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);

        JsonElement entry = await ExpectAsync(site, 200, "Healthy", []);

        entry.GetProperty("data").GetProperty("state").GetString().Should().Be("Disabled");
        entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("ready");
        entry.GetProperty("data").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["state", "storeCheck", "outboxDepth", "deadLetters", "parked", "alerts"]);
    }

    [Fact]
    public async Task An_online_client_is_healthy_and_reports_its_last_exchanges()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, TimeProvider.System);
        await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);

        JsonElement data = (await ExpectAsync(site, 200, "Healthy", [])).GetProperty("data");

        data.GetProperty("state").GetString().Should().Be("Online");
        data.GetProperty("outboxDepth").GetInt64().Should().Be(0);
        data.TryGetProperty("lastPushAt", out _).Should().BeTrue();
        data.TryGetProperty("lastPullAt", out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_outbox_backlog_is_degraded_and_healthy_again_once_delivered()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, clock, o => o.Alerts.PullStaleAfter = TimeSpan.FromDays(1));
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);
        harness.Push = HealthHarness.Answer(200, "not json");
        await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted) { Evidence = Evidence });
        await client.SyncNowAsync();

        clock.Advance(TimeSpan.FromMinutes(16));
        JsonElement entry = await ExpectAsync(site, 200, "Degraded", ["OutboxBacklog"]);

        entry.GetProperty("description").GetString().Should().Be("OutboxBacklog: the oldest of 1 records waiting in the outbox was queued 16 min ago (limit 15 min)");
        entry.GetProperty("data").GetProperty("outboxDepth").GetInt64().Should().Be(1);
        harness.Push = null;
        await client.SyncNowAsync();
        await ExpectAsync(site, 200, "Healthy", []);
    }

    [Fact]
    public async Task A_stale_pull_is_degraded()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, clock, o => o.Alerts.PullStaleAfter = TimeSpan.FromMinutes(5));
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);
        harness.Pull = HealthHarness.Answer(200, """{"events":[],"hasMore":false}""");   // no cursor: a broken answer
        await client.SyncNowAsync();

        clock.Advance(TimeSpan.FromMinutes(6));
        JsonElement entry = await ExpectAsync(site, 200, "Degraded", ["PullStale"]);

        entry.GetProperty("data").GetProperty("state").GetString().Should().Be("Offline");
        harness.Pull = null;
        await client.SyncNowAsync();
        await ExpectAsync(site, 200, "Healthy", []);
    }

    [Fact]
    public async Task A_dead_letter_is_degraded()
    {
        using var store = new TempStore();
        var harness = new HealthHarness();
        await using ReferenceServerHost server = await harness.StartServerAsync(store.Directory);
        await using CpmClient client = HealthHarness.Open(store, server.BaseAddress, TimeProvider.System);
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);
        await client.RecordAsync(new ConsentCapture("user-1", "analytics", "sms", ConsentChoice.Denied) { Evidence = Evidence });   // unknown to the server

        (await client.SyncNowAsync()).Status.DeadLetterCount.Should().Be(1);
        JsonElement entry = await ExpectAsync(site, 200, "Degraded", ["DeadLetters"]);

        entry.GetProperty("data").GetProperty("deadLetters").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task A_mass_withdrawal_is_degraded_even_with_sync_disabled()
    {
        using var store = new TempStore();
        await using CpmClient client = HealthHarness.Open(store, endpoint: null, TimeProvider.System, o => o.Alerts.MassWithdrawalThreshold = 3);
        await using TestSite site = await HealthHarness.StartSiteAsync(store, client);
        for (int i = 0; i < 4; i++)
        {
            await client.RecordAsync(new ConsentCapture($"user-{i}@example.com", "marketing", "sms", ConsentChoice.Withdrawn) { Evidence = Evidence });
        }

        JsonElement entry = await ExpectAsync(site, 200, "Degraded", ["MassWithdrawal"]);

        entry.GetProperty("description").GetString().Should().Contain("purpose 'marketing': 4 withdrawals");
        entry.GetProperty("data").GetProperty("state").GetString().Should().Be("Disabled");
    }

    /// <summary>Reads <c>/health</c> and checks its code, status and alert kinds, and that it names nobody.</summary>
    internal static async Task<JsonElement> ExpectAsync(TestSite site, int code, string status, string[] alerts)
    {
        using HttpResponseMessage response = await site.Http.GetAsync("health");
        string text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(code, text);
        JsonElement entry = JsonDocument.Parse(text).RootElement.GetProperty("entries").GetProperty("cpm").Clone();
        entry.GetProperty("status").GetString().Should().Be(status, text);
        entry.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(a => a.GetString()).Should().Equal(alerts, text);
        text.Should().NotContain("user-").And.NotContain("example.com").And.NotContain("203.0.113.77").And.NotContain(HealthHarness.ApiKey, "the report holds no personal data or key");
        return entry;
    }
}

/// <summary>The health tests each start a reference server and a site: one at a time, on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class HealthCollection
{
    public const string Name = "Health";
}
