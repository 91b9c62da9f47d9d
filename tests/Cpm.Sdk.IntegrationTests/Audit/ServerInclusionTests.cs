using System.Security.Cryptography;
using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Sync.Checkpoints;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// What receipts take from sync (issue 7 §5): the endpoint's inclusion proof for one event, verified against the
/// checkpoint this instance kept, which is quoted exactly as signed; nothing when there is nothing to prove it with.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class ServerInclusionTests
{
    [Fact]
    public async Task The_proof_for_a_synced_event_verifies_with_MerkleLog_against_the_kept_signed_checkpoint()
    {
        using var temp = new TempStore();
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"), clock: TimeProvider.System);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.Host.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);
        ConsentRecord[] records = [.. await Task.WhenAll(Enumerable.Range(0, 7).Select(i =>
            client.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted)).AsTask()))];
        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);
        Dictionary<string, WireEvent> held = (await server.PullAllAsync()).ToDictionary(e => e.Id!);
        using ECDsa key = await server.PublicKeyAsync();

        foreach (ConsentRecord record in records)
        {
            byte[] leaf = AuditLeaf.Hash(held[WireFormat.FormatId(record.Id)]);
            ServerEventProof proof = (await client.ServerLog!.InclusionAsync(record.Id, leaf, CancellationToken.None))!;

            proof.Should().NotBeNull();
            CheckpointSignature.Verify(proof.Checkpoint, Convert.FromBase64String(proof.Signature), key).Should().BeTrue("the checkpoint is quoted exactly as signed");
            proof.KeyId.Should().Be(CheckpointSignature.KeyId(key));
            CheckpointFormat.TryParse(proof.Checkpoint, out _, out long size, out byte[] root).Should().BeTrue();
            MerkleLog.VerifyInclusion(proof.Index, size, leaf, proof.Proof, root).Should().BeTrue("the proof verifies with MerkleLog alone");
        }

        byte[] wrongLeaf = AuditLeaf.Hash(held[WireFormat.FormatId(records[0].Id)]);
        (await client.ServerLog!.InclusionAsync(records[1].Id, wrongLeaf, CancellationToken.None)).Should().BeNull("a leaf the endpoint does not hold for that event is not proved");
    }

    [Fact]
    public async Task No_proof_is_given_for_an_event_beyond_the_kept_checkpoint_unknown_to_the_endpoint_or_while_it_is_down()
    {
        using var temp = new TempStore();
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"), clock: TimeProvider.System);
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.Host.BaseAddress), null, null);
        (await client.ServerLog!.InclusionAsync(Guid.CreateVersion7(), new byte[32], CancellationToken.None)).Should().BeNull("nothing is kept yet");
        ConsentRecord synced = await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);

        await using (CpmClient other = CpmClient.Open(SyncHarness.ClientOptions(temp, server.Host.BaseAddress, databaseName: "other.db"), null, null))
        {
            await other.RecordAsync(new ConsentCapture("user-2", "marketing", "sms", ConsentChoice.Granted));
            (await other.SyncNowAsync()).Pushed.Should().Be(1);
        }

        List<WireEvent> held = await server.PullAllAsync();
        WireEvent later = held.Single(e => e.UserId == "user-2");
        byte[] syncedLeaf = AuditLeaf.Hash(held.Single(e => e.UserId == "user-1"));

        (await client.ServerLog.InclusionAsync(Guid.Parse(later.Id!), AuditLeaf.Hash(later), CancellationToken.None))
            .Should().BeNull("the event came after the kept checkpoint; the next check covers it");
        (await client.ServerLog.InclusionAsync(Guid.CreateVersion7(), syncedLeaf, CancellationToken.None)).Should().BeNull("the endpoint does not hold it");
        (await client.ServerLog.InclusionAsync(synced.Id, syncedLeaf, CancellationToken.None)).Should().NotBeNull();

        await server.Host.StopAsync();
        (await client.ServerLog.InclusionAsync(synced.Id, syncedLeaf, CancellationToken.None)).Should().BeNull("offline, a receipt carries the store's proof alone");
    }
}
