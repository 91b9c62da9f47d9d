using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Sync.Checkpoints;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// Issue 7 §3, the client side: each pull round checks the endpoint's signed checkpoint against the last one kept. An
/// honest endpoint's checkpoints are kept as its log grows; an endpoint that rewrites an old event, loses entries, or
/// signs with another key is caught: the pull stops with <see cref="SyncState.HistoryRewritten"/>.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class HistoryCheckTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_honest_endpoint_keeps_the_state_Online_and_its_checkpoints_kept_and_advancing()
    {
        using var temp = new TempStore();
        var logs = new LogCapture();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using (CpmClient client = CpmClient.Open(options, logs, null))
        {
            await RecordAsync(client, 3);
            SyncResult first = await client.SyncNowAsync();

            first.Status.State.Should().Be(SyncState.Online);
            client.ServerLog!.Kept.Should().Match<ServerCheckpoint>(c => c.Size == 3 && c.KeyId == server.CheckpointKeyId && c.Origin == ReferenceServerOptions.DefaultLogOrigin);
            logs.Lines.Should().ContainSingle(l => l.Contains("pinned the endpoint's checkpoint key", StringComparison.Ordinal))
                .Which.Should().Contain(server.CheckpointKeyId, "the pinned key is logged by its id");

            client.StartSync();
            await RecordAsync(client, 2);
            await SyncHarness.EventuallyAsync(() => client.ServerLog.Kept?.Size == 5, Deadline, "the pull loop checks and keeps the grown log");
            client.Status.State.Should().Be(SyncState.Online);
        }

        logs.Lines.Should().NotContain(l => l.Contains("user-", StringComparison.Ordinal), "no user id is logged");
        new StoreFile(options.DatabasePath).Scalar("SELECT value FROM sync_state WHERE key = 'server_checkpoint'").Should().NotBeNull();
        await using CpmClient reopened = CpmClient.Open(options, null, null);
        reopened.ServerLog!.Kept!.Size.Should().Be(5, "the kept checkpoint survives a restart");
        (await reopened.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
    }

    [Fact]
    public async Task An_endpoint_that_rewrites_an_old_event_is_caught_the_pull_stops_and_pushes_go_on()
    {
        using var temp = new TempStore();
        string authority;
        CpmOptions options = null!;
        CpmOptions other = null!;
        ConsentRecord withdrawal;
        CpmClient client;
        await using (ReferenceServerHost honest = await SyncHarness.StartServerAsync(temp.Directory))
        {
            authority = honest.BaseAddress.GetLeftPart(UriPartial.Authority);
            options = SyncHarness.ClientOptions(temp, honest.BaseAddress);
            other = SyncHarness.ClientOptions(temp, honest.BaseAddress, databaseName: "other.db");
            client = await CpmClient.OpenAsync(options);
            withdrawal = await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Withdrawn));
            await RecordAsync(client, 4);
            await SyncHarness.EventuallyAsync(() => client.ServerLog!.Kept?.Size == 5, Deadline, "the honest log is checked and kept");
        }

        // The operator turns the old withdrawal into a grant and rebuilds the tree so the new log is self-consistent.
        DishonestServerFile.RewriteEvent(Path.Combine(temp.Directory, "server.db"), 1, body => body["choice"] = "granted");
        await using ReferenceServerHost dishonest = await SyncHarness.StartServerAsync(temp.Directory, url: authority);
        await using (client)
        {
            // Another instance's capture reaches the client's next pull, whose check catches the rewrite.
            await PushElsewhereAsync(other, "user-8");
            await SyncHarness.EventuallyAsync(() => client.Status.State == SyncState.HistoryRewritten, Deadline, "the pull after the reconnect checks and is caught");
            client.Status.LastError.Should().StartWith("pull: server history rewritten: ").And.NotContain("user-")
                .And.MatchRegex("another root|the consistency proof fails", "the same size with another root, or a longer log that does not extend the kept one");
            client.ServerLog!.Kept!.Size.Should().Be(5, "nothing from the rewritten history is kept");

            await PushElsewhereAsync(other, "user-9");
            ConsentRecord late = await client.RecordAsync(new ConsentCapture("user-2", "marketing", "sms", ConsentChoice.Withdrawn));
            await SyncHarness.EventuallyAsync(() => dishonest.EventIds().Contains(late.Id), Deadline, "pushes go on during HistoryRewritten");

            SyncResult manual = await client.SyncNowAsync();
            manual.Status.State.Should().Be(SyncState.HistoryRewritten, "a manual round checks again first, and the history is still rewritten");
            manual.Pulled.Should().Be(0, "nothing is merged from a rewritten history");
            client.Evaluate("user-9", "marketing", "email").Reason.Should().Be(DecisionReason.NoConsent, "the other instance's grant was never pulled");
            client.Evaluate(withdrawal.UserId, "marketing", "sms").Reason.Should().Be(DecisionReason.Withdrawn, "the rewritten grant never reached the gate");
        }

        await using CpmClient reopened = CpmClient.Open(options, null, null);
        (await reopened.SyncNowAsync()).Status.State.Should().Be(SyncState.HistoryRewritten, "the kept checkpoint outlives a restart, and so does the finding");
    }

    [Fact]
    public async Task An_endpoint_whose_log_shrinks_is_caught()
    {
        using var temp = new TempStore();
        string database = Path.Combine(temp.Directory, "server.db");
        string backup = Path.Combine(temp.Directory, "backup.db");
        string authority;
        CpmOptions options;
        await using (ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory))
        {
            authority = server.BaseAddress.GetLeftPart(UriPartial.Authority);
            options = SyncHarness.ClientOptions(temp, server.BaseAddress);
            await using CpmClient client = CpmClient.Open(options, null, null);
            await RecordAsync(client, 3);
            (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
            await server.StopAsync();
            File.Copy(database, backup);
        }

        await using (ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, url: authority))
        {
            await using CpmClient client = CpmClient.Open(options, null, null);
            await RecordAsync(client, 3);
            (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
            client.ServerLog!.Kept!.Size.Should().Be(6);
        }

        File.Copy(backup, database, overwrite: true);   // restored from the older backup, with the same key
        await using ReferenceServerHost restored = await SyncHarness.StartServerAsync(temp.Directory, url: authority);
        await using CpmClient caught = CpmClient.Open(options, null, null);

        SyncResult round = await caught.SyncNowAsync();

        round.Status.State.Should().Be(SyncState.HistoryRewritten);
        round.Status.LastError.Should().Contain("shrank from 6 to 3 entries");
    }

    [Fact]
    public async Task An_endpoint_without_checkpoints_is_a_version_1_server_and_sync_goes_on_with_one_log_line()
    {
        using var temp = new TempStore();
        var logs = new LogCapture();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, app => app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1/checkpoint") || context.Request.Path.StartsWithSegments("/v1/proofs"))
            {
                context.Response.StatusCode = 404;   // what a server of protocol version 1 answers for a path it does not know
                return;
            }

            await next(context);
        }));
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress), logs, null);
        ConsentRecord record = await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));

        SyncResult first = await client.SyncNowAsync();
        SyncResult second = await client.SyncNowAsync();

        first.Status.State.Should().Be(SyncState.Online);
        second.Status.State.Should().Be(SyncState.Online);
        first.Pushed.Should().Be(1);
        client.ServerLog!.Kept.Should().BeNull();
        logs.Lines.Count(l => l.Contains("serves no signed checkpoints", StringComparison.Ordinal)).Should().Be(1, "it is logged once");
        (await client.ServerLog.InclusionAsync(record.Id, new byte[32], CancellationToken.None)).Should().BeNull("there is no server proof to give");
    }

    private static async Task PushElsewhereAsync(CpmOptions options, string userId)
    {
        await using CpmClient elsewhere = CpmClient.Open(options, null, null);
        await elsewhere.RecordAsync(new ConsentCapture(userId, "marketing", "email", ConsentChoice.Granted));
        (await elsewhere.SyncNowAsync()).Pushed.Should().Be(1);
    }

    internal static async Task RecordAsync(CpmClient client, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await client.RecordAsync(new ConsentCapture($"user-{Guid.NewGuid():N}", "marketing", "sms", ConsentChoice.Granted));
        }
    }
}
