using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Core rule 8 through a whole sync story: no log line carries a user id, an evidence value or the API key.</summary>
public sealed class SyncLogPrivacyTests
{
    private const string ApiKey = "cpm-live-5ecret-7f3a91";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] Users = ["mei.lin@example.com", "用户-王芳", "customer-7731-private"];
    private static readonly Dictionary<string, string> Evidence = new() { ["ip"] = "203.0.113.77", ["form"] = "I agree: +86 138 0013 8000" };

    [Fact]
    public async Task No_log_line_of_a_full_sync_story_holds_a_user_id_an_evidence_value_or_the_api_key()
    {
        using var temp = new TempStore();
        var faults = new FaultInjector(seed: 7, slowDelay: TimeSpan.FromSeconds(3));
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory, behind: faults.Install, apiKey: ApiKey);
        var logs = new LogCapture();
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress, apiKey: ApiKey, databaseName: "a.db");
        options.Purposes.Add(new PurposeDefinition { Id = "beta-feature" }); // the endpoint rejects it: a dead letter
        await using CpmClient a = CpmClient.Open(options, logs, null);
        a.StartSync();

        // Capture and push through faults (500s, 429s, timeouts, dropped connections), plus one event the endpoint rejects.
        foreach (string user in Users)
        {
            await a.RecordAsync(new ConsentCapture(user, "marketing", "*", ConsentChoice.Granted) { Evidence = Evidence });
        }

        await a.RecordAsync(new ConsentCapture(Users[0], "beta-feature", "sms", ConsentChoice.Granted) { Evidence = Evidence });
        await SyncHarness.EventuallyAsync(() => a.Status is { OutboxDepth: 0, DeadLetterCount: 1 }, Deadline, "A's outbox drains through the faults");
        faults.Enabled = false;

        // A captive portal for a moment, then a pulled event that cannot be merged.
        server.Pull = ScriptedServer.Answer(200, "<html>Welcome to the hotel Wi-Fi, customer-7731-private</html>", "text/html");
        await SyncHarness.EventuallyAsync(() => a.Status.LastError?.Contains("JSON", StringComparison.Ordinal) == true, Deadline, "the portal is noticed");
        int parkedOnce = 0;
        server.Pull = async (context, real) =>
        {
            if (Interlocked.Exchange(ref parkedOnce, 1) == 1)
            {
                await real(context);
                return;
            }

            WireEvent broken = WirePages.Event("parked.person@example.com", evidence: "parked evidence 55-21");
            broken.Purpose = "parked.person@example.com"; // invalid, and the validation problem would quote it
            await ScriptedServer.Answer(200, WirePages.Page([broken], context.Request.Query["after"].ToString()))(context, real);
        };
        await SyncHarness.EventuallyAsync(() => a.Status.ParkedCount == 1, Deadline, "the broken event is parked");

        // A withdrawal made at B reaches A.
        await using (CpmClient b = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress, apiKey: ApiKey, databaseName: "b.db"), logs, null))
        {
            await b.RecordAsync(new ConsentCapture(Users[1], "marketing", "*", ConsentChoice.Withdrawn) { Evidence = Evidence });
            (await b.SyncNowAsync()).Pushed.Should().Be(1);
        }

        await SyncHarness.EventuallyAsync(() => !a.CanUse(Users[1], "marketing", "sms"), Deadline, "B's withdrawal reaches A");

        // The key is revoked.
        server.Push = ScriptedServer.Answer(401, """{"error":"missing or invalid API key"}""");
        await a.RecordAsync(new ConsentCapture(Users[2], "marketing", "email", ConsentChoice.Withdrawn) { Evidence = Evidence });
        await SyncHarness.EventuallyAsync(() => a.Status.State == SyncState.AuthFailed, Deadline, "AuthFailed");
        await a.DisposeAsync();

        string[] secrets = [.. Users, "parked.person@example.com", .. Evidence.Values, "parked evidence 55-21", ApiKey];
        logs.Lines.Should().HaveCountGreaterThan(5, "the story logs its faults, dead letter, parking and auth failure");
        foreach (string line in logs.Lines)
        {
            foreach (string secret in secrets)
            {
                line.Should().NotContain(secret);
            }
        }
    }
}
