using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>Links and unlinks made at two instances travel through the reference server, and both instances end up agreeing.</summary>
[Collection(HeavyTests.Name)]
public sealed class AliasSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static CpmOptions Options(TempStore temp, ReferenceServerHost server, string name)
    {
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: name);
        options.AliasKinds.Add("phone");
        options.AliasKinds.Add("email");
        return options;
    }

    [Fact]
    public async Task Two_instances_agree_on_every_alias_after_links_moves_and_unlinks_made_at_either_in_any_order()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient a = await CpmClient.OpenAsync(Options(temp, server, "a.db"));
        await using CpmClient b = await CpmClient.OpenAsync(Options(temp, server, "b.db"));

        await a.LinkAsync("ana", "phone:+86 138 0000 0001");
        await a.LinkAsync("ana", "email:Ana@Example.com");
        await SyncHarness.EventuallyAsync(() => b.Resolve("phone:+8613800000001") == "ana" && b.Resolve("email:ana@example.com") == "ana", Deadline, "B sees A's links");

        await b.LinkAsync("bo", "phone:0086 138 0000 0001");   // the number moves to bo, at B
        await a.UnlinkAsync("email:ana@example.com");             // and ana's email goes, at A
        await SyncHarness.EventuallyAsync(
            () => a.Resolve("phone:+8613800000001") == "bo" && b.Resolve("email:ana@example.com") is null,
            Deadline,
            "each sees the other's change");

        string[] aliases = ["phone:+8613800000001", "email:ana@example.com"];
        aliases.Select(a.Resolve).Should().Equal(aliases.Select(b.Resolve), "both instances agree");
        aliases.Select(a.Resolve).Should().Equal(["bo", null]);
        (await b.GetHistoryAsync("ana")).Select(r => (r.Kind, r.Origin)).Should().Equal(
            [(EventKind.Link, a.InstanceId), (EventKind.Link, a.InstanceId), (EventKind.Unlink, a.InstanceId)]);
    }
}
