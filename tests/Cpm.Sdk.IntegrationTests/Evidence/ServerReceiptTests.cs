using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Evidence;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// Once synced, a receipt also proves the record against the server's signed checkpoint: the proof verifies with
/// MerkleLog alone and the checkpoint with the server's public key. A server answer that does not prove this record's
/// leaf is left out rather than handed on.
/// </summary>
public sealed class ServerReceiptTests
{
    private const string ServerOrigin = "cpm.example.com/log";

    [Fact]
    public async Task The_servers_signed_proof_verifies_with_MerkleLog_and_the_servers_key()
    {
        using var temp = new TempStore();
        ConsentRecord record = await RecordAsync(temp);
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using SqliteStore store = SqliteStore.Open(temp.DatabasePath, Durability.Full);
        byte[] leafHash = LeafHash(store, record.Id);
        ServerInclusion inclusion = ServerLog(key, leafHash, index: 2, size: 5);
        EvidenceService evidence = Service(temp, store, (id, _, _) => Task.FromResult<ServerInclusion?>(id == record.Id ? inclusion : null));

        ConsentReceipt receipt = await evidence.GetReceiptAsync(record.Id, CancellationToken.None);
        JsonElement json = JsonDocument.Parse(receipt.ToJson()).RootElement;

        JsonElement proof = json.GetProperty("server_proof");
        proof.GetProperty("origin").GetString().Should().Be(ServerOrigin);
        proof.GetProperty("tree_size").GetInt64().Should().Be(5);
        proof.GetProperty("leaf_index").GetInt64().Should().Be(2);
        ReceiptProofs.Verifies(proof, ReceiptProofs.LeafHash(json)).Should().BeTrue();
        ReceiptProofs.Verifies(proof, ReceiptProofs.LeafHash(json), flipHash: 0).Should().BeFalse();
        string checkpoint = proof.GetProperty("checkpoint").GetString()!;
        checkpoint.Should().Be($"{ServerOrigin}\n5\n{proof.GetProperty("root_hash").GetString()}\n");
        key.VerifyData(
            Encoding.UTF8.GetBytes(checkpoint),
            proof.GetProperty("signature").GetBytesFromBase64(),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        proof.GetProperty("key_id").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())));
        ReceiptProofs.Verifies(json.GetProperty("store_proof"), ReceiptProofs.LeafHash(json)).Should().BeTrue();
    }

    [Fact]
    public async Task A_server_answer_that_does_not_prove_this_leaf_is_left_out()
    {
        using var temp = new TempStore();
        ConsentRecord record = await RecordAsync(temp);
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using SqliteStore store = SqliteStore.Open(temp.DatabasePath, Durability.Full);
        ServerInclusion good = ServerLog(key, LeafHash(store, record.Id), index: 2, size: 5);
        ServerInclusion[] bad =
        [
            good with { Index = 3 },
            ServerLog(key, SHA256.HashData("another event"u8), index: 2, size: 5),
            good with { Checkpoint = good.Checkpoint.TrimEnd('\n') },
            good with { Checkpoint = "only-origin\n" },
            good with { Proof = [] },
        ];

        foreach (ServerInclusion answer in bad)
        {
            EvidenceService evidence = Service(temp, store, (_, _, _) => Task.FromResult<ServerInclusion?>(answer));
            ConsentReceipt receipt = await evidence.GetReceiptAsync(record.Id, CancellationToken.None);
            receipt.ServerProof.Should().BeNull();
            receipt.StoreProof.Should().NotBeNull();
        }

        ConsentReceipt notSynced = await Service(temp, store, (_, _, _) => Task.FromResult<ServerInclusion?>(null)).GetReceiptAsync(record.Id, CancellationToken.None);
        notSynced.ServerProof.Should().BeNull();
    }

    private static async Task<ConsentRecord> RecordAsync(TempStore temp)
    {
        await using CpmClient cpm = await temp.OpenAsync();
        await cpm.RecordAsync(new ConsentCapture("first", "marketing", "sms", ConsentChoice.Granted));
        return await cpm.RecordAsync(new ConsentCapture("用户-李娜", "marketing", "email", ConsentChoice.Granted) { Jurisdiction = "PIPL" });
    }

    private static byte[] LeafHash(SqliteStore store, Guid id)
    {
        using SqliteConnection connection = store.OpenReader();
        return StoreLog.Inclusion(connection, id, StoreLog.LatestCheckpoint(connection, store.InstanceId).Size)!.LeafHash;
    }

    /// <summary>A server log of <paramref name="size"/> leaves holding <paramref name="leafHash"/> at <paramref name="index"/>, signed with <paramref name="key"/>.</summary>
    private static ServerInclusion ServerLog(ECDsa key, byte[] leafHash, long index, long size)
    {
        List<byte[]> leaves = [.. Enumerable.Range(0, (int)size).Select(i => MerkleLog.HashLeaf(BitConverter.GetBytes(i)))];
        leaves[(int)index] = leafHash;
        byte[] root = MerkleLog.RootOf(leaves);
        string checkpoint = $"{ServerOrigin}\n{size}\n{Convert.ToBase64String(root)}\n";
        byte[] signature = key.SignData(Encoding.UTF8.GetBytes(checkpoint), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        IReadOnlyList<byte[]> proof = MerkleLog.InclusionProof(index, size, new LeafListNodes(leaves).Subtree);
        return new ServerInclusion(
            checkpoint, Convert.ToBase64String(signature), Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), index, proof);
    }

    private static EvidenceService Service(TempStore temp, SqliteStore store, Func<Guid, byte[], CancellationToken, Task<ServerInclusion?>> server)
    {
        CpmOptions options = temp.Options();
        var symbols = new SymbolTable();
        var gate = new ConsentGate(Catalog.Create(options.Purposes, options.Channels, symbols), IndexLoader.Load(store.Writer, symbols), TimeProvider.System);
        return new EvidenceService(store, gate, controller: null, TimeZoneInfo.Utc, TimeProvider.System, server);
    }
}
