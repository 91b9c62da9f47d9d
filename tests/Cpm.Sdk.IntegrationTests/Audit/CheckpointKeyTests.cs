using System.Security.Cryptography;
using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// Issue 7 §3: a checkpoint signed with another key than <see cref="CpmOptions.ServerPublicKey"/>, or than the key
/// pinned at first sight, is a rewritten history; nothing it says is kept.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class CheckpointKeyTests
{
    [Fact]
    public async Task An_endpoint_that_signs_with_another_key_than_the_pinned_one_is_caught()
    {
        using var temp = new TempStore();
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string authority;
        CpmOptions options;
        await using (ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory))
        {
            authority = server.BaseAddress.GetLeftPart(UriPartial.Authority);
            options = SyncHarness.ClientOptions(temp, server.BaseAddress);
            await using CpmClient client = CpmClient.Open(options, null, null);
            await HistoryCheckTests.RecordAsync(client, 2);
            (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        }

        await using ReferenceServerHost rekeyed = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            DatabasePath = Path.Combine(temp.Directory, "server.db"),
            ApiKeys = [SyncHarness.ApiKey],
            Url = authority,
            Purposes = [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }],
            Channels = ["sms", "email", "wechat", "app-push"],
            CheckpointKeyPem = other.ExportPkcs8PrivateKeyPem(),
        });
        await using CpmClient reopened = CpmClient.Open(options, null, null);

        SyncResult round = await reopened.SyncNowAsync();

        round.Status.State.Should().Be(SyncState.HistoryRewritten);
        round.Status.LastError.Should().Contain("not the pinned key").And.Contain(CheckpointSignature.KeyId(other)[..16]);
    }

    [Fact]
    public async Task An_endpoint_that_signs_with_another_key_than_ServerPublicKey_is_caught_and_the_right_key_is_accepted()
    {
        using var temp = new TempStore();
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions wrong = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "wrong.db");
        wrong.ServerPublicKey = other.ExportSubjectPublicKeyInfoPem();
        CpmOptions right = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "right.db");
        right.ServerPublicKey = server.CheckpointPublicKeyPem;

        await using CpmClient misconfigured = CpmClient.Open(wrong, null, null);
        await using CpmClient configured = CpmClient.Open(right, null, null);
        await HistoryCheckTests.RecordAsync(configured, 2);
        SyncResult good = await configured.SyncNowAsync();
        SyncResult caught = await misconfigured.SyncNowAsync();

        good.Status.State.Should().Be(SyncState.Online);
        configured.ServerLog!.Kept!.Size.Should().Be(2);
        caught.Status.State.Should().Be(SyncState.HistoryRewritten);
        caught.Status.LastError.Should().Contain("not the CpmOptions.ServerPublicKey");
        misconfigured.ServerLog!.Kept.Should().BeNull("nothing signed by an unknown key is kept");
        new StoreFile(wrong.DatabasePath).Scalar("SELECT count(*) FROM sync_state WHERE key LIKE 'server_checkpoint%'").Should().Be(0L);
    }
}
