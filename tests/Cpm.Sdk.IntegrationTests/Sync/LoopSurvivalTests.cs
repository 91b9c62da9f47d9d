using System.Text.Json;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// Issue 6 §1: a sync loop survives every failure but its own shutdown. For each trigger: the status shows it
/// (Offline and the error), SyncNowAsync does not throw, the loops recover once the endpoint behaves, and closing
/// the client does not throw and closes the store (no write-ahead log left).
/// </summary>
public sealed class LoopSurvivalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_captive_portal_answering_200_with_html_is_a_protocol_error_and_sync_recovers()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        ScriptedServer.Script portal = ScriptedServer.Answer(200, "<html><body>Sign in to the hotel Wi-Fi</body></html>", "text/html");
        server.Push = server.Pull = server.Catalog = portal;

        await SurvivesAsync(temp, server, "not the protocol's JSON", heal: () => server.Push = server.Pull = server.Catalog = null);
    }

    [Fact]
    public async Task Push_results_listing_the_same_id_twice_are_a_protocol_error_and_nothing_is_applied()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = async (context, _) =>
        {
            PushRequest request = JsonSerializer.Deserialize(await ScriptedServer.DrainRequestAsync(context), ProtocolJson.PushRequest)!;
            string id = request.Events![0].Id!;
            var twice = new PushResponse { Results = [.. request.Events.Select(_ => new PushResult { Id = id, Status = PushResult.Accepted })] };
            twice.Results.Add(new PushResult { Id = id, Status = PushResult.Accepted });
            await context.Response.WriteAsJsonAsync(twice, ProtocolJson.PushResponse);
        };

        await SurvivesAsync(temp, server, "twice", heal: () => server.Push = null);
    }

    [Fact]
    public async Task A_catalog_purpose_with_an_absurd_validity_is_a_protocol_error_and_pulls_go_on()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Catalog = ScriptedServer.Answer(200, """
            {"purposes":[{"id":"surveys","legalBasis":"consent","minimumPolicyVersion":1,"validityDays":2000000000}],"channels":["sms"]}
            """);

        await SurvivesAsync(
            temp,
            server,
            "catalog",
            heal: () => server.Catalog = null,
            whileFailing: client => client.Evaluate("u1", "surveys", "sms").Reason.Should().Be(DecisionReason.UnknownPurpose, "the local catalog stays"));
    }

    [Fact]
    public async Task A_sqlite_error_reading_the_outbox_is_an_internal_failure_and_the_push_loop_goes_on()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = ScriptedServer.Answer(503, """{"error":"busy"}""");
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        var file = new StoreFile(options.DatabasePath);
        CpmClient client = await CpmClient.OpenAsync(options);
        await using (client)
        {
            ConsentRecord record = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
            await SyncHarness.EventuallyAsync(() => client.Status.LastError?.Contains("503", StringComparison.Ordinal) == true, Deadline, "the push fails with 503");

            file.Execute("ALTER TABLE outbox RENAME TO outbox_hidden");
            await SyncHarness.EventuallyAsync(
                () => client.Status.LastError?.Contains("no such table", StringComparison.Ordinal) == true, Deadline, "the loop reports the store error");
            client.Status.State.Should().Be(SyncState.Offline);
            (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Offline, "SyncNowAsync reports the failure instead of throwing");

            file.Execute("ALTER TABLE outbox_hidden RENAME TO outbox");
            server.Push = null;
            await SyncHarness.EventuallyAsync(() => server.Reference.EventIds().Contains(record.Id), Deadline, "the loop delivers once the store reads again");
            await SyncHarness.EventuallyAsync(() => client.Status is { State: SyncState.Online, OutboxDepth: 0 }, Deadline, "status Online");
        }

        file.WalGone.Should().BeTrue("closing the client closes the store");
    }

    [Fact]
    public async Task A_catalog_that_failed_in_a_manual_round_is_retried_by_the_loop_once_the_endpoint_answers()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        await using CpmClient client = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress));
        await SyncHarness.EventuallyAsync(() => client.Status.State == SyncState.Online, Deadline, "online after the first catalog and pull");

        server.Catalog = ScriptedServer.Answer(503, """{"error":"busy"}""");
        SyncResult manual = await client.SyncNowAsync();
        manual.Status.State.Should().Be(SyncState.Offline);
        manual.Status.LastError.Should().StartWith("catalog:");

        // The loop's own next refresh is minutes away: only the loop taking up the round's failure brings the state back.
        server.Catalog = null;
        await SyncHarness.EventuallyAsync(() => client.Status is { State: SyncState.Online, LastError: null }, Deadline, "status Online without an error");
    }

    /// <summary>
    /// Captures one event while the endpoint misbehaves; checks the status, SyncNowAsync, the recovery once
    /// <paramref name="heal"/> runs, and a clean close.
    /// </summary>
    private static async Task SurvivesAsync(TempStore temp, ScriptedServer server, string error, Action heal, Action<CpmClient>? whileFailing = null)
    {
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        CpmClient client = await CpmClient.OpenAsync(options);
        await using (client)
        {
            ConsentRecord record = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
            await SyncHarness.EventuallyAsync(
                () => client.Status.LastError?.Contains(error, StringComparison.Ordinal) == true, Deadline, $"the status shows the failure ({error})");
            client.Status.State.Should().Be(SyncState.Offline, "a failing exchange is never reported as Online");

            SyncResult manual = await client.SyncNowAsync();
            manual.Status.State.Should().Be(SyncState.Offline);
            manual.Status.LastError.Should().NotBeNullOrEmpty();
            whileFailing?.Invoke(client);

            heal();
            await SyncHarness.EventuallyAsync(() => server.Reference.EventIds().Contains(record.Id), Deadline, "the loops deliver once the endpoint behaves");
            await SyncHarness.EventuallyAsync(
                () => client.Status is { State: SyncState.Online, OutboxDepth: 0, LastError: null }, Deadline, "status Online without an error");
        }

        new StoreFile(options.DatabasePath).WalGone.Should().BeTrue("closing the client closes the store");
    }
}
