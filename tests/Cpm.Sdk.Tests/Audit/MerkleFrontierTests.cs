using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>The log's right edge: appends report every completed subtree, and the root always equals the tree's root.</summary>
public sealed class MerkleFrontierTests
{
    private static readonly byte[][] Hashes = [.. Enumerable.Range(0, 300).Select(i => MerkleLog.HashLeaf(BitConverter.GetBytes(i * 31)))];

    [Fact]
    public void Root_after_every_append_equals_the_root_of_the_leaves_so_far()
    {
        var frontier = new MerkleFrontier();
        frontier.Root().Should().Equal(MerkleLog.RootOf([]));
        for (int i = 0; i < Hashes.Length; i++)
        {
            frontier.Append(Hashes[i]);
            frontier.Size.Should().Be(i + 1);
            frontier.Root().Should().Equal(MerkleLog.RootOf(Hashes[..(i + 1)]), $"size {i + 1}");
        }
    }

    [Fact]
    public void Appends_report_exactly_the_complete_aligned_subtrees_with_their_hashes()
    {
        var frontier = new MerkleFrontier();
        var stored = new Dictionary<(int, long), byte[]>();
        foreach (byte[] hash in Hashes)
        {
            foreach ((int level, long index, byte[] subtree) in frontier.Append(hash))
            {
                stored.TryAdd((level, index), subtree).Should().BeTrue();
            }
        }

        var expected = new LeafListNodes(Hashes);
        for (int level = 0; (1 << level) <= Hashes.Length; level++)
        {
            int complete = Hashes.Length >> level;
            for (int index = 0; index < complete; index++)
            {
                stored[(level, index)].Should().Equal(expected.Subtree(level, index), $"subtree ({level}, {index})");
            }
        }

        stored.Should().HaveCount(Enumerable.Range(0, 9).Sum(level => Hashes.Length >> level));
    }

    [Fact]
    public void A_frontier_restored_from_stored_subtrees_continues_the_same_log()
    {
        var stored = new Dictionary<(int, long), byte[]>();
        var original = new MerkleFrontier();
        foreach (byte[] hash in Hashes[..173])
        {
            foreach ((int level, long index, byte[] subtree) in original.Append(hash))
            {
                stored[(level, index)] = subtree;
            }
        }

        MerkleFrontier restored = MerkleFrontier.Restore(173, (level, index) => stored[(level, index)]);
        restored.Root().Should().Equal(original.Root());
        foreach (byte[] hash in Hashes[173..])
        {
            restored.Append(hash);
        }

        restored.Root().Should().Equal(MerkleLog.RootOf(Hashes));
        MerkleLog.RootOf(173, (level, index) => stored[(level, index)]).Should().Equal(MerkleLog.RootOf(Hashes[..173]));
    }

    [Fact]
    public void A_clone_is_independent_of_the_original()
    {
        var frontier = new MerkleFrontier();
        frontier.Append(Hashes[0]);
        MerkleFrontier clone = frontier.Clone();
        frontier.Append(Hashes[1]);

        clone.Size.Should().Be(1);
        clone.Root().Should().Equal(MerkleLog.RootOf(Hashes[..1]));
        frontier.Root().Should().Equal(MerkleLog.RootOf(Hashes[..2]));
    }

    [Fact]
    public void Public_proofs_from_a_subtree_function_verify()
    {
        var nodes = new LeafListNodes(Hashes);
        byte[] root = MerkleLog.RootOf(Hashes);
        MerkleLog.VerifyInclusion(77, Hashes.Length, Hashes[77], MerkleLog.InclusionProof(77, Hashes.Length, nodes.Subtree), root).Should().BeTrue();
        MerkleLog.VerifyConsistency(100, Hashes.Length, MerkleLog.RootOf(Hashes[..100]), root, MerkleLog.ConsistencyProof(100, Hashes.Length, nodes.Subtree))
            .Should().BeTrue();
    }

    [Fact]
    public void Bad_leaf_hashes_are_refused()
    {
        var frontier = new MerkleFrontier();
        frontier.Invoking(f => f.Append(null!)).Should().Throw<ArgumentNullException>().WithParameterName("leafHash");
        frontier.Invoking(f => f.Append(new byte[31])).Should().Throw<ArgumentException>().WithParameterName("leafHash");
        frontier.Size.Should().Be(0);
    }
}
