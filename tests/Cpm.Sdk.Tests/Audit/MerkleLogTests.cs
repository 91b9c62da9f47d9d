using Cpm.Sdk.Audit;
using CsCheck;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>
/// The audit log's Merkle tree against the RFC 6962 test vectors, and its proofs as properties.
/// Vectors: transparency-dev/merkle, testonly/constants.go at commit 77f1b57d7aa25fcd2e51273166b6b2b0e74923b1
/// (leaf inputs, every complete subtree's hash, every root), and the proof shapes of proof/proof_test.go at commit
/// 8554bcb10a1221a6cf6746acec96aa930c94fb49 (which nodes each inclusion and consistency proof holds).
/// </summary>
public sealed class MerkleLogTests
{
    // NodeHashes of constants.go: [level][index] for every complete subtree of the 8 leaves.
    private static readonly string[][] NodeHashes =
    [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7", "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ];

    private static readonly byte[][] Leaves = [.. new[]
    {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    }.Select(Convert.FromHexString)];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static readonly byte[][] LeafHashes = [.. Leaves.Select(l => MerkleLog.HashLeaf(l))];

    [Fact]
    public void Empty_tree_root_is_the_hash_of_nothing()
    {
        Convert.ToHexStringLower(MerkleLog.RootOf([])).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void Roots_match_the_rfc_6962_vectors_for_every_size()
    {
        for (int size = 1; size <= 8; size++)
        {
            Convert.ToHexStringLower(MerkleLog.RootOf(LeafHashes[..size])).Should().Be(Roots[size - 1], $"size {size}");
        }
    }

    [Theory]
    [InlineData(0, 1, new string[0])]
    [InlineData(0, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(5, 8, new[] { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" })]
    [InlineData(2, 3, new[] { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" })]
    [InlineData(1, 5, new[] { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" })]
    public void Inclusion_proofs_match_the_rfc_6962_vectors_and_verify(int index, int size, string[] expected)
    {
        List<byte[]> proof = MerkleProofs.Inclusion(index, size, new LeafListNodes(LeafHashes));

        proof.Select(Convert.ToHexStringLower).Should().Equal(expected);
        MerkleLog.VerifyInclusion(index, size, LeafHashes[index], proof, Convert.FromHexString(Roots[size - 1])).Should().BeTrue();
    }

    [Theory]
    [InlineData(1, 1, new string[0])]
    [InlineData(1, 8, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" })]
    [InlineData(6, 8, new[] { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" })]
    [InlineData(2, 5, new[] { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" })]
    public void Consistency_proofs_match_the_rfc_6962_vectors_and_verify(int size1, int size2, string[] expected)
    {
        List<byte[]> proof = MerkleProofs.Consistency(size1, size2, new LeafListNodes(LeafHashes));

        proof.Select(Convert.ToHexStringLower).Should().Equal(expected);
        MerkleLog.VerifyConsistency(size1, size2, Convert.FromHexString(Roots[size1 - 1]), Convert.FromHexString(Roots[size2 - 1]), proof)
            .Should().BeTrue();
    }

    [Fact]
    public void Every_complete_subtree_matches_the_published_node_hashes()
    {
        var nodes = new LeafListNodes(LeafHashes);
        for (int level = 0; level < NodeHashes.Length; level++)
        {
            for (int index = 0; index < NodeHashes[level].Length; index++)
            {
                Convert.ToHexStringLower(nodes.Subtree(level, index)).Should().Be(NodeHashes[level][index], $"node ({level}, {index})");
            }
        }
    }

    // Proof shapes of proof_test.go: "l:i" is node (level, index); "i+j" a right border rehashed as HashChildren(i, j).
    [Theory]
    [InlineData(2, 0, "0:1")]
    [InlineData(2, 1, "0:0")]
    [InlineData(3, 1, "0:0 0:2")]
    [InlineData(7, 0, "0:1 1:1 1:2+0:6")]
    [InlineData(7, 2, "0:3 1:0 1:2+0:6")]
    [InlineData(7, 4, "0:5 0:6 2:0")]
    [InlineData(7, 5, "0:4 0:6 2:0")]
    [InlineData(7, 6, "1:2 2:0")]
    [InlineData(4, 2, "0:3 1:0")]
    [InlineData(5, 3, "0:2 1:0 0:4")]
    [InlineData(6, 3, "0:2 1:0 1:2")]
    [InlineData(6, 4, "0:5 2:0")]
    public void Inclusion_proofs_hold_the_nodes_of_the_published_shapes(int size, int index, string shape)
    {
        MerkleProofs.Inclusion(index, size, new LeafListNodes(LeafHashes)).Select(Convert.ToHexStringLower).Should().Equal(Shape(shape));
    }

    [Theory]
    [InlineData(1, 2, "0:1")]
    [InlineData(1, 4, "0:1 1:1")]
    [InlineData(1, 6, "0:1 1:1 1:2")]
    [InlineData(2, 3, "0:2")]
    [InlineData(2, 8, "1:1 2:1")]
    [InlineData(3, 7, "0:2 0:3 1:0 1:2+0:6")]
    [InlineData(4, 7, "1:2+0:6")]
    [InlineData(5, 7, "0:4 0:5 0:6 2:0")]
    [InlineData(6, 7, "1:2 0:6 2:0")]
    [InlineData(7, 8, "0:6 0:7 1:2 2:0")]
    [InlineData(2, 4, "1:1")]
    [InlineData(3, 5, "0:2 0:3 1:0 0:4")]
    [InlineData(3, 6, "0:2 0:3 1:0 1:2")]
    [InlineData(4, 6, "1:2")]
    [InlineData(1, 7, "0:1 1:1 1:2+0:6")]
    public void Consistency_proofs_hold_the_nodes_of_the_published_shapes(int size1, int size2, string shape)
    {
        MerkleProofs.Consistency(size1, size2, new LeafListNodes(LeafHashes)).Select(Convert.ToHexStringLower).Should().Equal(Shape(shape));
    }

    [Fact]
    public void Every_inclusion_and_consistency_proof_of_every_small_tree_verifies_and_any_altered_input_fails()
    {
        byte[][] hashes = [.. Enumerable.Range(0, 40).Select(i => MerkleLog.HashLeaf([(byte)i, (byte)(i * 7)]))];
        var nodes = new LeafListNodes(hashes);
        for (int size = 1; size <= hashes.Length; size++)
        {
            byte[] root = MerkleLog.RootOf(hashes[..size]);
            for (int index = 0; index < size; index++)
            {
                List<byte[]> proof = MerkleProofs.Inclusion(index, size, nodes);
                MerkleLog.VerifyInclusion(index, size, hashes[index], proof, root).Should().BeTrue();
                MerkleLog.VerifyInclusion(index, size, hashes[(index + 1) % hashes.Length], proof, root).Should().BeFalse();
                if (size > 1)
                {
                    MerkleLog.VerifyInclusion((index + 1) % size, size, hashes[index], proof, root).Should().BeFalse();
                    MerkleLog.VerifyInclusion(index, size, hashes[index], Tampered(proof), root).Should().BeFalse();
                }
            }

            for (int older = 1; older <= size; older++)
            {
                byte[] olderRoot = MerkleLog.RootOf(hashes[..older]);
                List<byte[]> proof = MerkleProofs.Consistency(older, size, nodes);
                MerkleLog.VerifyConsistency(older, size, olderRoot, root, proof).Should().BeTrue($"{older} -> {size}");
                if (older < size)
                {
                    MerkleLog.VerifyConsistency(older, size, root, root, proof).Should().BeFalse();
                    MerkleLog.VerifyConsistency(older, size, olderRoot, olderRoot, proof).Should().BeFalse();
                    MerkleLog.VerifyConsistency(older, size, olderRoot, root, Tampered(proof)).Should().BeFalse();
                    MerkleLog.VerifyConsistency(older, size, olderRoot, root, proof.Take(proof.Count - 1).ToList()).Should().BeFalse();
                }
            }
        }
    }

    [Fact]
    public void Proofs_hold_for_random_trees_and_sizes()
    {
        Gen.Int[1, 600].SelectMany(size => Gen.Int[0, size - 1].SelectMany(index => Gen.Int[1, size].Select(older => (size, index, older))))
            .Sample(t =>
            {
                byte[][] hashes = [.. Enumerable.Range(0, t.size).Select(i => MerkleLog.HashLeaf(BitConverter.GetBytes(i)))];
                var nodes = new LeafListNodes(hashes);
                byte[] root = MerkleLog.RootOf(hashes);
                return MerkleLog.VerifyInclusion(t.index, t.size, hashes[t.index], MerkleProofs.Inclusion(t.index, t.size, nodes), root)
                    && MerkleLog.VerifyConsistency(t.older, t.size, MerkleLog.RootOf(hashes[..t.older]), root, MerkleProofs.Consistency(t.older, t.size, nodes));
            }, iter: 300);
    }

    [Fact]
    public void Degenerate_inputs_fail_instead_of_throwing()
    {
        byte[] root = MerkleLog.RootOf(LeafHashes);
        MerkleLog.VerifyInclusion(-1, 8, LeafHashes[0], [], root).Should().BeFalse();
        MerkleLog.VerifyInclusion(8, 8, LeafHashes[0], [], root).Should().BeFalse();
        MerkleLog.VerifyInclusion(0, 8, new byte[5], [], root).Should().BeFalse();
        MerkleLog.VerifyInclusion(0, 8, LeafHashes[0], [new byte[3], new byte[32], new byte[32]], root).Should().BeFalse();
        MerkleLog.VerifyConsistency(5, 4, root, root, []).Should().BeFalse();
        MerkleLog.VerifyConsistency(0, 8, root, root, []).Should().BeTrue("the empty tree is a prefix of every tree");
        MerkleLog.VerifyConsistency(0, 8, root, root, [root]).Should().BeFalse();
        MerkleLog.VerifyConsistency(3, 8, root, root, []).Should().BeFalse();
        FluentActions.Invoking(() => MerkleLog.HashChildren(new byte[31], new byte[32])).Should().Throw<ArgumentException>().WithParameterName("left");
    }

    private static List<byte[]> Tampered(List<byte[]> proof)
    {
        var copy = proof.Select(p => (byte[])p.Clone()).ToList();
        copy[^1][0] ^= 0x80;
        return copy;
    }

    private static string[] Shape(string shape) => [.. shape.Split(' ').Select(part =>
    {
        string[] nodes = part.Split('+');
        byte[] hash = Node(nodes[0]);
        return Convert.ToHexStringLower(nodes.Length == 1 ? hash : MerkleLog.HashChildren(hash, Node(nodes[1])));
    })];

    private static byte[] Node(string id)
    {
        string[] parts = id.Split(':');
        return Convert.FromHexString(NodeHashes[int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)][int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
