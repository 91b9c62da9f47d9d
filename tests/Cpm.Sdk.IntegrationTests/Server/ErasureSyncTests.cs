using Cpm.ReferenceServer;
using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Issue 8 §6 with real instances: an erasure made at one instance reaches the reference server, which scrubs what it
/// holds; an instance that pulled before it and one that joins after it both keep checking the server's signed log
/// without seeing a rewritten history, and the one that joins late rebuilds the same leaves without the erased data.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class ErasureSyncTests
{
    private const string Person = "person-erased-81ad";
    private const string Phone = "phone:+8613800081812";
    private const string Proof = "signed-form-81ad";

    [Fact]
    public async Task Instances_before_and_after_an_erasure_keep_verifying_the_servers_log_and_the_late_one_never_sees_the_person()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient a = await CpmClient.OpenAsync(Options(temp, server, "a.db"));
        await using CpmClient b = await CpmClient.OpenAsync(Options(temp, server, "b.db"));
        await a.RecordAsync(new ConsentCapture(Person, "marketing", "sms", ConsentChoice.Granted) { Evidence = new Dictionary<string, string> { ["form"] = Proof } });
        await a.LinkAsync(Person, Phone);
        await a.RecordAsync(new ConsentCapture("someone-else", "marketing", "email", ConsentChoice.Granted));
        (await a.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        (await b.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        a.ServerLog!.Kept!.Size.Should().Be(3);

        await b.EraseAsync(Person);
        (await b.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        server.LogSize.Should().Be(4, "the erasure is pushed");

        var serverFile = new DatabaseFile(Path.Combine(temp.Directory, "server.db"));
        serverFile.CellsHolding(Person, "8613800081812", Proof).Should().BeEmpty("the server scrubbed what it held of the person");
        (await a.SyncNowAsync()).Status.State.Should().Be(SyncState.Online, "the scrubbed log is consistent with the checkpoint a kept before the erasure");
        a.ServerLog.Kept!.Size.Should().Be(4);
        a.Evaluate(Person, "marketing", "sms").Reason.Should().Be(DecisionReason.Erased);

        CpmOptions late = Options(temp, server, "late.db");
        await using (CpmClient c = await CpmClient.OpenAsync(late))
        {
            (await c.SyncNowAsync()).Status.State.Should().Be(SyncState.Online, "a late joiner checks the same log");
            c.ServerLog!.Kept!.Root.Should().Equal(a.ServerLog.Kept.Root);
            c.Resolve(Phone).Should().BeNull();
            (await c.VerifyAuditAsync()).IsIntact.Should().BeTrue("the late joiner's own log, built from scrubbed events, verifies");
        }

        (await a.VerifyAuditAsync()).IsIntact.Should().BeTrue("A's log verifies after it scrubbed the person");

        var lateFile = new DatabaseFile(late.DatabasePath);
        lateFile.CellsHolding(Person, "8613800081812", Proof).Should().BeEmpty("the late joiner never received the erased data");
        MerkleLog.RootOf(lateFile.Blobs("SELECT hash FROM events ORDER BY seq")).Should().Equal(a.ServerLog.Kept.Root,
            "the late joiner's own leaves, rebuilt from the scrubbed events in server order, make the server's root");
    }

    private static CpmOptions Options(TempStore temp, ReferenceServerHost server, string name)
    {
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: name);
        options.AliasKinds.Add("phone");
        return options;
    }
}
