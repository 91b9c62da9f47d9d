using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// One event, one leaf: the instance that captured it, an instance that pulled it and the server all hold the same
/// leaf hash for it, because the salt travels with the event and the leaf leaves out everything local.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class SameLeafEverywhereTests
{
    [Fact]
    public async Task The_same_event_has_the_same_leaf_in_two_stores_and_at_the_server()
    {
        using var temp = new TempStore();
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"), clock: TimeProvider.System);
        CpmOptions aOptions = SyncHarness.ClientOptions(temp, server.Host.BaseAddress, databaseName: "a.db");
        CpmOptions bOptions = SyncHarness.ClientOptions(temp, server.Host.BaseAddress, databaseName: "b.db");
        ConsentRecord[] records;
        await using (CpmClient a = CpmClient.Open(aOptions, null, null))
        await using (CpmClient b = CpmClient.Open(bOptions, null, null))
        {
            records = [.. await Task.WhenAll(Enumerable.Range(0, 12).Select(i => a.RecordAsync(new ConsentCapture($"用户-{i}", "marketing", "*", ConsentChoice.Granted)
            {
                Evidence = new Dictionary<string, string> { ["ip"] = $"203.0.113.{i}", ["签名"] = "同意" },
            }).AsTask()))];
            (await a.SyncNowAsync()).Pushed.Should().Be(12);
            (await b.SyncNowAsync()).Pulled.Should().Be(12);
            (await a.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);

            foreach (ConsentRecord record in records)
            {
                byte[] atA = LeafHash(aOptions.DatabasePath, record.Id);
                LeafHash(bOptions.DatabasePath, record.Id).Should().Equal(atA, "the instance that pulled the event holds the same leaf");
                (await a.ServerLog!.InclusionAsync(record.Id, atA, CancellationToken.None)).Should().NotBeNull(
                    "the server's signed log proves the very same leaf");
            }

            (await a.VerifyAuditAsync()).IsIntact.Should().BeTrue();
            (await b.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_receipt_of_a_synced_event_carries_proofs_against_the_store_and_the_servers_signed_checkpoint()
    {
        using var temp = new TempStore();
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"), clock: TimeProvider.System);
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.Host.BaseAddress), null, null);
        ConsentRecord record = await client.RecordAsync(new ConsentCapture("用户-7", "marketing", "sms", ConsentChoice.Granted));
        ConsentReceipt before = await client.GetReceiptAsync(record.Id);
        (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);

        ConsentReceipt receipt = await client.GetReceiptAsync(record.Id);

        before.ServerProof.Should().BeNull("an event the server does not hold yet has only the store's proof");
        MerkleLog.HashLeaf(receipt.LeafBytes).Should().Equal(receipt.LeafHash);
        ReceiptProof store = receipt.StoreProof!;
        MerkleLog.VerifyInclusion(store.LeafIndex, store.Checkpoint.Size, receipt.LeafHash, store.Proof, store.Checkpoint.RootHash).Should().BeTrue();
        ReceiptProof atServer = receipt.ServerProof!;
        atServer.SignedCheckpoint.Should().NotBeNull();
        MerkleLog.VerifyInclusion(atServer.LeafIndex, atServer.Checkpoint.Size, receipt.LeafHash, atServer.Proof, atServer.Checkpoint.RootHash)
            .Should().BeTrue("the server's signed log holds the very same leaf");
    }

    private static byte[] LeafHash(string databasePath, Guid id)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long size = StoreLog.LatestCheckpoint(connection, "store").Size;
        return StoreLog.Inclusion(connection, id, size)!.LeafHash;
    }
}
