using System.Text.Json;
using Cpm.Sdk.Audit;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>Checks a receipt's proofs from its JSON form with <see cref="MerkleLog"/> alone, as an auditor's own tool would.</summary>
internal static class ReceiptProofs
{
    /// <summary>The leaf hash (hex) after checking it is SHA-256(0x00 ‖ leaf_bytes).</summary>
    public static byte[] LeafHash(JsonElement receipt)
    {
        byte[] leafBytes = receipt.GetProperty("leaf_bytes").GetBytesFromBase64();
        byte[] leafHash = Convert.FromHexString(receipt.GetProperty("leaf_hash").GetString()!);
        MerkleLog.HashLeaf(leafBytes).Should().Equal(leafHash);
        return leafHash;
    }

    /// <summary>Whether <paramref name="proof"/> (a <c>store_proof</c> or <c>server_proof</c>) proves <paramref name="leafHash"/>, with one proof hash optionally flipped.</summary>
    public static bool Verifies(JsonElement proof, byte[] leafHash, int flipHash = -1)
    {
        List<byte[]> path = [.. proof.GetProperty("inclusion_proof").EnumerateArray().Select(p => p.GetBytesFromBase64())];
        if (flipHash >= 0)
        {
            path[flipHash][0] ^= 0x01;
        }

        return MerkleLog.VerifyInclusion(
            proof.GetProperty("leaf_index").GetInt64(),
            proof.GetProperty("tree_size").GetInt64(),
            leafHash,
            path,
            proof.GetProperty("root_hash").GetBytesFromBase64());
    }
}
