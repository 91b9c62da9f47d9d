using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>
/// What an auditor's check must refuse: a proof for a leaf outside the tree, a proof with a hash too many or of the
/// wrong length, sizes that cannot be; and the public API refuses missing or impossible arguments by name instead of
/// failing somewhere inside.
/// </summary>
public sealed class ProofRefusalTests
{
    private static readonly byte[][] Hashes = [.. Enumerable.Range(0, 16).Select(i => MerkleLog.HashLeaf([(byte)i]))];
    private static readonly LeafListNodes Nodes = new(Hashes);

    [Fact]
    public void A_leaf_at_or_before_the_edge_of_a_one_leaf_tree_is_not_in_it_even_when_its_hash_is_the_root()
    {
        byte[] leaf = Hashes[0];   // the root of a tree of one leaf is that leaf's hash

        MerkleLog.VerifyInclusion(0, 1, leaf, [], leaf).Should().BeTrue();
        MerkleLog.VerifyInclusion(1, 1, leaf, [], leaf).Should().BeFalse("index 1 is beyond a tree of one leaf");
        MerkleLog.VerifyInclusion(-1, 1, leaf, [], leaf).Should().BeFalse();
        MerkleLog.VerifyInclusion(0, 0, leaf, [], leaf).Should().BeFalse("an empty tree holds no leaf");
    }

    [Fact]
    public void A_proof_with_a_hash_too_many_fails()
    {
        byte[] root = MerkleLog.RootOf(Hashes[..6]);
        List<byte[]> inclusion = MerkleProofs.Inclusion(2, 6, Nodes);
        List<byte[]> consistency = MerkleProofs.Consistency(4, 6, Nodes);

        MerkleLog.VerifyInclusion(2, 6, Hashes[2], [.. inclusion, Hashes[9]], root).Should().BeFalse();
        MerkleLog.VerifyConsistency(4, 6, MerkleLog.RootOf(Hashes[..4]), root, consistency).Should().BeTrue();
        MerkleLog.VerifyConsistency(4, 6, MerkleLog.RootOf(Hashes[..4]), root, [.. consistency, Hashes[9]]).Should().BeFalse();
        MerkleLog.VerifyConsistency(3, 6, MerkleLog.RootOf(Hashes[..3]), root, [.. MerkleProofs.Consistency(3, 6, Nodes), Hashes[9]]).Should().BeFalse();
    }

    [Fact]
    public void A_consistency_proof_with_one_hash_of_the_wrong_length_fails_instead_of_throwing()
    {
        byte[] root = MerkleLog.RootOf(Hashes[..7]);
        List<byte[]> proof = MerkleProofs.Consistency(3, 7, Nodes);
        proof[1] = proof[1][..31];

        MerkleLog.VerifyConsistency(3, 7, MerkleLog.RootOf(Hashes[..3]), root, proof).Should().BeFalse();
    }

    [Fact]
    public void Equal_sizes_need_equal_roots_and_no_proof_and_negative_sizes_never_verify()
    {
        byte[] root = MerkleLog.RootOf(Hashes[..5]);

        MerkleLog.VerifyConsistency(5, 5, root, root, []).Should().BeTrue();
        MerkleLog.VerifyConsistency(5, 5, root, root, [root]).Should().BeFalse("a proof where none is needed");
        MerkleLog.VerifyConsistency(5, 5, root, Hashes[0], []).Should().BeFalse();
        MerkleLog.VerifyConsistency(-1, -1, root, root, []).Should().BeFalse();
        MerkleLog.VerifyConsistency(-1, 5, root, root, []).Should().BeFalse();
    }

    [Fact]
    public void The_consistency_proof_from_the_empty_tree_or_to_the_same_size_is_empty()
    {
        MerkleLog.ConsistencyProof(0, 5, Nodes.Subtree).Should().BeEmpty();
        MerkleLog.ConsistencyProof(0, 0, Nodes.Subtree).Should().BeEmpty();
        MerkleLog.ConsistencyProof(5, 5, Nodes.Subtree).Should().BeEmpty();
    }

    [Fact]
    public void Impossible_proof_requests_are_refused_by_name()
    {
        FluentActions.Invoking(() => MerkleLog.InclusionProof(-1, 5, Nodes.Subtree)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("index");
        FluentActions.Invoking(() => MerkleLog.InclusionProof(5, 5, Nodes.Subtree)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("index");
        FluentActions.Invoking(() => MerkleLog.ConsistencyProof(-1, 5, Nodes.Subtree)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size1");
        FluentActions.Invoking(() => MerkleLog.ConsistencyProof(6, 5, Nodes.Subtree)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size1");
        FluentActions.Invoking(() => MerkleLog.RootOf(-1, Nodes.Subtree)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size");
        FluentActions.Invoking(() => MerkleFrontier.Restore(-1, Nodes.Subtree)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("size");
    }

    [Fact]
    public void Missing_arguments_are_refused_by_name()
    {
        byte[] root = MerkleLog.RootOf(Hashes);

        FluentActions.Invoking(() => MerkleLog.RootOf(null!)).Should().Throw<ArgumentNullException>().WithParameterName("leafHashes");
        FluentActions.Invoking(() => MerkleLog.RootOf(0, null!)).Should().Throw<ArgumentNullException>().WithParameterName("subtree");
        FluentActions.Invoking(() => MerkleLog.InclusionProof(0, 1, null!)).Should().Throw<ArgumentNullException>().WithParameterName("subtree");
        FluentActions.Invoking(() => MerkleLog.ConsistencyProof(0, 1, null!)).Should().Throw<ArgumentNullException>().WithParameterName("subtree");
        FluentActions.Invoking(() => MerkleLog.VerifyInclusion(0, 0, Hashes[0], null!, root)).Should().Throw<ArgumentNullException>().WithParameterName("proof");
        FluentActions.Invoking(() => MerkleLog.VerifyConsistency(0, 0, root, root, null!)).Should().Throw<ArgumentNullException>().WithParameterName("proof");
        FluentActions.Invoking(() => MerkleFrontier.Restore(0, null!)).Should().Throw<ArgumentNullException>().WithParameterName("subtree");
        FluentActions.Invoking(() => AuditLeaf.Bytes(null!)).Should().Throw<ArgumentNullException>().WithParameterName("wireEvent");
        FluentActions.Invoking(() => AuditLeaf.Scrub(null!)).Should().Throw<ArgumentNullException>().WithParameterName("wireEvent");
        FluentActions.Invoking(() => AuditLeaf.Commitment(new byte[16], null!)).Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void Bad_hashes_are_refused_with_the_size_they_need_and_the_name_of_the_bad_one()
    {
        FluentActions.Invoking(() => MerkleLog.HashChildren(new byte[32], new byte[33])).Should().Throw<ArgumentException>()
            .WithParameterName("right").WithMessage("Child hashes must be 32 bytes.*");
        FluentActions.Invoking(() => new MerkleFrontier().Append(new byte[31])).Should().Throw<ArgumentException>().WithMessage("A leaf hash is 32 bytes.*");
    }

    [Fact]
    public void A_restored_frontier_knows_its_size_and_numbers_the_subtrees_it_completes_from_there()
    {
        var stored = new Dictionary<(int, long), byte[]>();
        var original = new MerkleFrontier();
        foreach (byte[] hash in Hashes[..7])
        {
            foreach ((int level, long index, byte[] subtree) in original.Append(hash))
            {
                stored[(level, index)] = subtree;
            }
        }

        MerkleFrontier restored = MerkleFrontier.Restore(7, (level, index) => stored[(level, index)]);
        IReadOnlyList<(int Level, long Index, byte[] Hash)> completed = restored.Append(Hashes[7]);

        restored.Size.Should().Be(8);
        completed.Select(c => (c.Level, c.Index)).Should().Equal((0, 7L), (1, 3L), (2, 1L), (3, 0L));
        completed[^1].Hash.Should().Equal(MerkleLog.RootOf(Hashes[..8]));
    }
}
