using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>
/// Aliases and erasure across instances through the reference server: an erasure at B reaches A; a stale grant from an
/// instance that was offline during the erasure arrives later and changes nothing anywhere; no store and no log line
/// keeps the person's id, alias or evidence.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class ErasureSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private const string User = "wei.zhang-4471";
    private const string Phone = "phone:+8613912345678";
    private const string EvidenceValue = "form-7731-signed-by-wei";

    private static CpmOptions Options(TempStore temp, ReferenceServerHost server, string name)
    {
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: name);
        options.AliasKinds.Add("phone");
        return options;
    }

    [Fact]
    public async Task An_erasure_at_B_reaches_A_and_a_stale_grant_from_an_instance_offline_at_the_time_never_revives_the_person()
    {
        using var temp = new TempStore();
        var logs = new LogCapture();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        DateTimeOffset past = DateTimeOffset.UtcNow.AddMinutes(-10);

        // C captured a grant while offline, before the erasure; it reaches the server only afterwards.
        CpmOptions offlineOptions = Options(temp, server, "c.db");
        offlineOptions.Endpoint = null;
        offlineOptions.ApiKey = null;
        await using (CpmClient offline = CpmClient.Open(offlineOptions, logs, null))
        {
            await offline.RecordAsync(new ConsentCapture(User, "marketing", "email", ConsentChoice.Granted)
            {
                OccurredAt = past.AddMinutes(1),
                Evidence = new Dictionary<string, string> { ["form"] = EvidenceValue },
            });
        }

        await using CpmClient a = CpmClient.Open(Options(temp, server, "a.db"), logs, null);
        await using CpmClient b = CpmClient.Open(Options(temp, server, "b.db"), logs, null);
        a.StartSync();
        b.StartSync();

        await a.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted)
        {
            OccurredAt = past,
            Evidence = new Dictionary<string, string> { ["form"] = EvidenceValue },
        });
        await a.LinkAsync(User, Phone);
        await SyncHarness.EventuallyAsync(() => b.Resolve(Phone) == User && b.CanUse(User, "marketing", "sms"), Deadline, "B sees A's link and grant");

        ErasureReceipt receipt = await b.EraseAsync(User);
        await SyncHarness.EventuallyAsync(() => a.Evaluate(User, "marketing", "sms").Reason == DecisionReason.Erased, Deadline, "A sees B's erasure");
        a.Resolve(Phone).Should().BeNull("the alias is erased at A too");
        a.Evaluate(User, "analytics", "sms").Reason.Should().Be(DecisionReason.Erased);
        (await a.GetHistoryAsync(User)).Should().ContainSingle().Which.Id.Should().Be(receipt.EventId);

        // C comes online: its stale grant is pushed, and its own store learns of the erasure.
        CpmOptions onlineOptions = Options(temp, server, "c.db");
        await using (CpmClient c = CpmClient.Open(onlineOptions, logs, null))
        {
            (await c.SyncNowAsync()).Pushed.Should().Be(1);
            await SyncHarness.EventuallyAsync(() => c.Evaluate(User, "marketing", "email").Reason == DecisionReason.Erased, Deadline, "C pulls the erasure");
            (await c.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
            (await c.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        await a.SyncNowAsync();
        await b.SyncNowAsync();
        a.Evaluate(User, "marketing", "email").Reason.Should().Be(DecisionReason.Erased, "the stale grant reached A scrubbed and changed nothing");
        b.Evaluate(User, "marketing", "email").Reason.Should().Be(DecisionReason.Erased);

        // A grant after the erasure is a new start, everywhere.
        await b.RecordAsync(new ConsentCapture(User, "marketing", "wechat", ConsentChoice.Granted));
        await SyncHarness.EventuallyAsync(() => a.CanUse(User, "marketing", "wechat"), Deadline, "A sees the new grant");
        a.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Erased);

        foreach (CpmClient client in new[] { a, b })
        {
            (await client.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        foreach (string file in new[] { "a.db", "b.db", "c.db", "server.db" })
        {
            string path = Path.Combine(temp.Directory, file);
            RightsStore.ColumnsHolding(path, "13912345678").Should().BeEmpty($"{file} keeps no alias value");
            RightsStore.ColumnsHolding(path, EvidenceValue).Should().BeEmpty($"{file} keeps no evidence value");
        }

        logs.Lines.Should().NotContain(line => line.Contains(User, StringComparison.Ordinal) || line.Contains("13912345678", StringComparison.Ordinal)
            || line.Contains(EvidenceValue, StringComparison.Ordinal), "no log line holds the user id, the alias or the evidence");
    }
}
