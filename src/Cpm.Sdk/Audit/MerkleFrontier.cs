namespace Cpm.Sdk.Audit;

/// <summary>
/// The right edge of an append-only Merkle log: the hashes of the perfect subtrees that make up its current size,
/// largest first. Appending a leaf costs O(log n) hashes at worst and tells the caller which complete subtrees it
/// finished, so a log can persist them and answer any root or proof later from O(log n) stored hashes.
/// Not thread-safe; one writer owns it.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(int Level, byte[] Hash)> _edge = [];

    /// <summary>The number of leaves appended.</summary>
    public long Size { get; private set; }

    /// <summary>Rebuilds the frontier of a log of <paramref name="size"/> leaves from its stored complete subtrees.</summary>
    /// <param name="size">The log's size.</param>
    /// <param name="subtree">The hash of the perfect subtree at (level, index), covering leaves [index·2^level, (index+1)·2^level).</param>
    /// <returns>A frontier ready to append leaf <paramref name="size"/>.</returns>
    public static MerkleFrontier Restore(long size, Func<int, long, byte[]> subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(subtree);
        var frontier = new MerkleFrontier { Size = size };
        long start = 0;
        for (int level = 62; level >= 0; level--)
        {
            long width = 1L << level;
            if ((size & width) != 0)
            {
                // Stryker disable once Bitwise : equivalent. start is a sum of widths, never negative, so >> and >>> agree.
                frontier._edge.Add((level, subtree(level, start >> level)));
                start += width;
            }
        }

        return frontier;
    }

    /// <summary>
    /// Appends a leaf hash. Returns the complete subtrees the append finished, smallest first, starting with the leaf
    /// itself at level 0: (level, index, hash).
    /// </summary>
    /// <param name="leafHash">The leaf's hash (see <see cref="MerkleLog.HashLeaf"/>).</param>
    /// <returns>The subtrees completed by this append.</returns>
    public IReadOnlyList<(int Level, long Index, byte[] Hash)> Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleLog.HashSize)
        {
            throw new ArgumentException($"A leaf hash is {MerkleLog.HashSize} bytes.", nameof(leafHash));
        }

        var completed = new List<(int, long, byte[])>();
        Push(leafHash, completed);
        return completed;
    }

    /// <summary>As <see cref="Append"/>, without listing the completed subtrees: for a verifier that rebuilds the root only.</summary>
    /// <param name="leafHash">The leaf's hash, <see cref="MerkleLog.HashSize"/> bytes (not checked).</param>
    internal void AppendLeaf(byte[] leafHash) => Push(leafHash, completed: null);

    private void Push(byte[] leafHash, List<(int, long, byte[])>? completed)
    {
        long index = Size;
        completed?.Add((0, index, leafHash));
        (int level, byte[] hash) = (0, leafHash);
        while (_edge.Count > 0 && _edge[^1].Level == level)
        {
            hash = MerkleLog.HashChildren(_edge[^1].Hash, hash);
            _edge.RemoveAt(_edge.Count - 1);
            level++;
            // Stryker disable once Assignment : equivalent. index starts at the size, never negative, so >>= and >>> agree.
            index >>= 1;
            completed?.Add((level, index, hash));
        }

        _edge.Add((level, hash));
        Size++;
    }

    /// <summary>The root of the log as it stands (SHA-256 of nothing when empty).</summary>
    /// <returns>32 bytes.</returns>
    public byte[] Root()
    {
        if (_edge.Count == 0)
        {
            return MerkleLog.RootOf([]);
        }

        byte[] root = _edge[^1].Hash;
        for (int i = _edge.Count - 2; i >= 0; i--)
        {
            root = MerkleLog.HashChildren(_edge[i].Hash, root);
        }

        return root;
    }

    /// <summary>An independent copy, for a writer that must roll back a failed batch.</summary>
    /// <returns>The copy.</returns>
    public MerkleFrontier Clone()
    {
        var copy = new MerkleFrontier { Size = Size };
        copy._edge.AddRange(_edge);
        return copy;
    }
}
