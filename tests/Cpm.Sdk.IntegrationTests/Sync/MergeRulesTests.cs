using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// What arrives from the endpoint is merged under the same rules as local captures: latest action wins whichever
/// side recorded it, and a remote purpose keeps every rule of its definition.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class MergeRulesTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_older_remote_grant_arriving_later_never_overrides_a_newer_local_withdrawal()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions aOptions = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db");
        CpmOptions bOptions = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db");
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

        // B is offline (opened without its loops) and holds a grant the person gave a minute ago, on the sms channel
        // and on every channel; A then records the person's withdrawal, now.
        await using CpmClient b = CpmClient.Open(bOptions, loggerFactory: null, httpClientFactory: null);
        await b.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = now.AddMinutes(-1) });
        await b.RecordAsync(new ConsentCapture("u1", "marketing", "*", ConsentChoice.Granted) { OccurredAt = now.AddMinutes(-1) });
        await using CpmClient a = await CpmClient.OpenAsync(aOptions);
        ConsentRecord withdrawal = await a.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Withdrawn));
        await SyncHarness.EventuallyAsync(() => a.Status.OutboxDepth == 0 && a.Status.LastPullAt is not null, Deadline, "A delivered its withdrawal");

        // B reconnects: its older grants reach the server after A's withdrawal, and then A.
        (await b.SyncNowAsync()).Pushed.Should().Be(2);
        // Both grants travel in one push and one pull page, so they merge at A in one transaction.
        await SyncHarness.EventuallyAsync(() => a.CanUse("u1", "marketing", "email"), Deadline, "A merged B's grant on every channel");

        (await a.GetHistoryAsync("u1")).Should().HaveCount(3);
        a.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, withdrawal.Id));
        b.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, withdrawal.Id));
    }

    [Fact]
    public async Task A_remote_purpose_keeps_its_minimum_notice_version_and_validity()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(
            temp.Directory,
            purposes:
            [
                new PurposeDefinition { Id = "newsletter", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 3, Validity = TimeSpan.FromDays(30) },
            ],
            channels: ["email"]);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, loggerFactory: null, httpClientFactory: null);
        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);

        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        await client.RecordAsync(new ConsentCapture("old-notice", "newsletter", "email", ConsentChoice.Granted) { PolicyVersion = 2 });
        await client.RecordAsync(new ConsentCapture("current", "newsletter", "email", ConsentChoice.Granted) { PolicyVersion = 3 });
        await client.RecordAsync(new ConsentCapture("stale", "newsletter", "email", ConsentChoice.Granted) { PolicyVersion = 3, OccurredAt = now.AddDays(-31) });

        client.Evaluate("old-notice", "newsletter", "email").Reason.Should().Be(DecisionReason.PolicyOutdated);
        client.Evaluate("current", "newsletter", "email").Reason.Should().Be(DecisionReason.Granted);
        client.Evaluate("stale", "newsletter", "email").Reason.Should().Be(DecisionReason.Expired);
    }
}
