namespace Cpm.Sdk.Audit;

/// <summary>Where proofs read the tree from: the hash of any complete, aligned subtree of the log.</summary>
internal interface IMerkleNodes
{
    /// <summary>The hash of the perfect subtree at <paramref name="level"/> covering leaves [index·2^level, (index+1)·2^level).</summary>
    byte[] Subtree(int level, long index);
}

/// <summary>Subtree hashes computed on demand from an in-memory list of leaf hashes (tests, <see cref="MerkleLog.RootOf(IReadOnlyList{byte[]})"/>).</summary>
internal sealed class LeafListNodes(IReadOnlyList<byte[]> leafHashes) : IMerkleNodes
{
    public byte[] Subtree(int level, long index)
    {
        if (level == 0)
        {
            return leafHashes[checked((int)index)];
        }

        return MerkleLog.HashChildren(Subtree(level - 1, 2 * index), Subtree(level - 1, (2 * index) + 1));
    }
}

/// <summary>Subtree hashes from a caller's function (a log's own storage).</summary>
internal sealed class DelegateNodes(Func<int, long, byte[]> subtree) : IMerkleNodes
{
    public byte[] Subtree(int level, long index) => subtree(level, index);
}
