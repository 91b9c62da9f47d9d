using System.Collections.Concurrent;
using System.Security.Cryptography;
using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Alerts;

/// <summary>
/// Issue 9 §5, out of sync: each sync alert is raised once when its cause appears and clears when it is gone, against
/// the reference server on 127.0.0.1 (scripted to misbehave), with a fake clock. Rounds are run by hand (SyncNowAsync).
/// </summary>
[Collection(Audit.AuditLogTests.Name)]
public sealed class SyncAlertTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A pull answer that breaks the protocol (no cursor): a failure that is not retried.</summary>
    private static readonly ScriptedServer.Script BrokenPull = ScriptedServer.Answer(200, """{"events":[],"hasMore":false}""");

    [Fact]
    public async Task OutboxBacklog_is_raised_when_the_oldest_entry_is_older_than_the_limit_and_clears_once_delivered()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using CpmClient client = Open(temp, server.BaseAddress, clock, a => a.PullStaleAfter = TimeSpan.FromDays(1));
        var raised = Watch(client);
        server.Push = ScriptedServer.Answer(200, "not json");

        // Both captured now: the endpoint refuses events stamped far ahead of its own (real) clock.
        await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        await client.RecordAsync(new ConsentCapture("user-2", "marketing", "sms", ConsentChoice.Granted));
        (await client.SyncNowAsync()).Status.OutboxDepth.Should().Be(2);
        clock.Advance(TimeSpan.FromMinutes(14));
        client.Status.Alerts.Should().BeEmpty("the oldest entry is 14 minutes old, the limit 15");

        clock.Advance(TimeSpan.FromMinutes(2)); // the timer looks
        await SyncHarness.EventuallyAsync(() => raised.Count == 1, Deadline, "the timer raises the backlog alert");
        CpmAlert alert = raised.Single();
        alert.Kind.Should().Be(AlertKind.OutboxBacklog);
        alert.Detail.Should().Contain("2 records").And.Contain("16 min").And.NotContain("user-");
        client.Status.Alerts.Should().ContainSingle().Which.Should().Be(alert);

        clock.Advance(TimeSpan.FromMinutes(1));
        client.Status.Alerts.Should().ContainSingle();

        server.Push = null;
        SyncResult delivered = await client.SyncNowAsync();
        delivered.Status.OutboxDepth.Should().Be(0);
        delivered.Status.Alerts.Should().BeEmpty("the backlog drained");
        raised.Should().ContainSingle("raised once per transition");
    }

    [Fact]
    public async Task PullStale_is_raised_when_no_pull_succeeded_for_longer_than_the_limit_and_clears_after_a_pull()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using CpmClient client = Open(temp, server.BaseAddress, clock, a => a.PullStaleAfter = TimeSpan.FromMinutes(5));
        var raised = Watch(client);

        (await client.SyncNowAsync()).Status.LastPullAt.Should().Be(clock.GetUtcNow());
        server.Pull = BrokenPull;
        clock.Advance(TimeSpan.FromMinutes(4));
        (await client.SyncNowAsync()).Status.Alerts.Should().BeEmpty("the last pull is 4 minutes old");

        clock.Advance(TimeSpan.FromMinutes(2));
        await SyncHarness.EventuallyAsync(() => raised.Count == 1, Deadline, "the timer raises the stale-pull alert");
        raised.Single().Kind.Should().Be(AlertKind.PullStale);
        raised.Single().Detail.Should().Contain("6 min").And.Contain("limit 5 min");
        (await client.SyncNowAsync()).Status.Alerts.Should().ContainSingle(a => a.Kind == AlertKind.PullStale, "the pull still fails");

        server.Pull = null;
        (await client.SyncNowAsync()).Status.Alerts.Should().BeEmpty("a pull succeeded");
        raised.Should().ContainSingle();
    }

    [Fact]
    public async Task AuthFailed_is_raised_on_a_refused_key_and_clears_when_a_round_succeeds()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using CpmClient client = Open(temp, server.BaseAddress, clock);
        var raised = Watch(client);
        server.Catalog = ScriptedServer.Answer(401, """{"error":"unauthorized","message":"who is user-1? key test-key"}""");

        SyncResult refused = await client.SyncNowAsync();

        refused.Status.State.Should().Be(SyncState.AuthFailed);
        CpmAlert alert = refused.Status.Alerts.Should().ContainSingle().Which;
        alert.Kind.Should().Be(AlertKind.AuthFailed);
        alert.Detail.Should().NotContain("user-").And.NotContain(SyncHarness.ApiKey, "the endpoint's text and the key are never in the detail");
        (await client.SyncNowAsync()).Status.Alerts.Should().ContainSingle();
        await SyncHarness.EventuallyAsync(() => raised.Count == 1, Deadline, "the event fires");

        server.Catalog = null;
        SyncResult fixedRound = await client.SyncNowAsync();
        fixedRound.Status.State.Should().Be(SyncState.Online);
        fixedRound.Status.Alerts.Should().BeEmpty();

        server.Catalog = ScriptedServer.Answer(401, """{"error":"unauthorized"}""");
        await client.SyncNowAsync();
        await SyncHarness.EventuallyAsync(() => raised.Count == 2, Deadline, "a new refusal raises it anew");
    }

    [Fact]
    public async Task DeadLetters_is_raised_by_a_rejected_event_and_clears_when_it_is_requeued()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.TimeProvider = clock;
        options.Purposes.Add(new PurposeDefinition { Id = "beta-feature" }); // known here, unknown to the server
        await using CpmClient client = CpmClient.Open(options, null, null);
        var raised = Watch(client);

        await client.RecordAsync(new ConsentCapture("user-1", "beta-feature", "sms", ConsentChoice.Granted));
        SyncResult round = await client.SyncNowAsync();

        round.Status.DeadLetterCount.Should().Be(1);
        round.Status.Alerts.Should().ContainSingle().Which.Detail.Should().StartWith("1 records rejected").And.NotContain("user-").And.NotContain("beta-feature");
        await SyncHarness.EventuallyAsync(() => raised.Count == 1, Deadline, "the event fires");

        (await client.RequeueDeadLettersAsync()).Should().Be(1);
        client.Status.Alerts.Should().BeEmpty("no dead letter is left");

        (await client.SyncNowAsync()).Status.Alerts.Should().ContainSingle(a => a.Kind == AlertKind.DeadLetters, "rejected again");
        await SyncHarness.EventuallyAsync(() => raised.Count == 2, Deadline, "raised once per transition");
        raised.Should().OnlyContain(a => a.Kind == AlertKind.DeadLetters);
    }

    [Fact]
    public async Task HistoryRewritten_is_raised_by_the_server_log_check_and_clears_when_the_log_proves_consistent_again()
    {
        using var temp = new TempStore();
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string authority;
        CpmOptions options;
        await using (ReferenceServerHost honest = await SyncHarness.StartServerAsync(temp.Directory))
        {
            authority = honest.BaseAddress.GetLeftPart(UriPartial.Authority);
            options = SyncHarness.ClientOptions(temp, honest.BaseAddress);
            await using CpmClient first = CpmClient.Open(options, null, null);
            await first.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
            (await first.SyncNowAsync()).Status.State.Should().Be(SyncState.Online, "the key is pinned and a checkpoint kept");
        }

        await using CpmClient client = CpmClient.Open(options, null, null);
        var raised = Watch(client);
        await using (ReferenceServerHost rekeyed = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            DatabasePath = Path.Combine(temp.Directory, "server.db"),
            ApiKeys = [SyncHarness.ApiKey],
            Url = authority,
            Purposes = [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }],
            Channels = ["sms", "email", "wechat", "app-push"],
            CheckpointKeyPem = other.ExportPkcs8PrivateKeyPem(),
        }))
        {
            SyncResult caught = await client.SyncNowAsync();
            caught.Status.State.Should().Be(SyncState.HistoryRewritten);
            caught.Status.Alerts.Should().ContainSingle().Which.Kind.Should().Be(AlertKind.HistoryRewritten);
            (await client.SyncNowAsync()).Status.Alerts.Should().ContainSingle();
        }

        await SyncHarness.EventuallyAsync(() => raised.Count == 1, Deadline, "the event fires once");
        await using ReferenceServerHost restored = await SyncHarness.StartServerAsync(temp.Directory, url: authority);
        SyncResult restoredRound = await client.SyncNowAsync();
        restoredRound.Status.State.Should().Be(SyncState.Online);
        restoredRound.Status.Alerts.Should().BeEmpty("the endpoint's own key signs a log consistent with the kept checkpoint");
        raised.Should().ContainSingle();
    }

    private static CpmClient Open(TempStore temp, Uri endpoint, TimeProvider clock, Action<AlertOptions>? alerts = null)
    {
        CpmOptions options = SyncHarness.ClientOptions(temp, endpoint);
        options.TimeProvider = clock;
        alerts?.Invoke(options.Alerts);
        return CpmClient.Open(options, null, null);
    }

    private static ConcurrentQueue<CpmAlert> Watch(CpmClient client)
    {
        var raised = new ConcurrentQueue<CpmAlert>();
        client.AlertRaised += (_, alert) => raised.Enqueue(alert);
        return raised;
    }
}
