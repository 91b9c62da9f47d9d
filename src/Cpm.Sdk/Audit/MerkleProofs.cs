using System.Numerics;
using System.Security.Cryptography;

namespace Cpm.Sdk.Audit;

/// <summary>
/// Roots and proofs of RFC 6962 / RFC 9162 trees, built from complete subtree hashes: every range the recursive
/// definitions visit is an aligned perfect subtree followed by a smaller right part, so a log that keeps its complete
/// subtrees answers any root or proof in O(log n) reads.
/// </summary>
internal static class MerkleProofs
{
    private static readonly byte[] EmptyRoot = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(long size, IMerkleNodes nodes) => size == 0 ? (byte[])EmptyRoot.Clone() : Range(0, size, nodes);

    /// <summary>The inclusion path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (RFC 9162 §2.1.3.1).</summary>
    public static List<byte[]> Inclusion(long index, long size, IMerkleNodes nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(index, 0, size, nodes, proof);
        return proof;
    }

    /// <summary>The consistency proof from size <paramref name="size1"/> to <paramref name="size2"/> (RFC 9162 §2.1.4.1).</summary>
    public static List<byte[]> Consistency(long size1, long size2, IMerkleNodes nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var proof = new List<byte[]>();
        if (size1 > 0 && size1 < size2)
        {
            SubProof(size1, 0, size2, complete: true, nodes, proof);
        }

        return proof;
    }

    /// <summary>The hash of leaves [start, end), where start is aligned to the largest power of two below the length.</summary>
    private static byte[] Range(long start, long end, IMerkleNodes nodes)
    {
        long length = end - start;
        if (BitOperations.IsPow2(length))
        {
            int level = BitOperations.Log2((ulong)length);
            // Stryker disable once Bitwise : equivalent. start is never negative, so >> and >>> agree.
            return nodes.Subtree(level, start >> level);
        }

        long split = SplitPoint(length);
        return MerkleLog.HashChildren(Range(start, start + split, nodes), Range(start + split, end, nodes));
    }

    private static void Path(long index, long start, long end, IMerkleNodes nodes, List<byte[]> proof)
    {
        if (end - start <= 1)
        {
            return;
        }

        long split = start + SplitPoint(end - start);
        if (index < split)
        {
            Path(index, start, split, nodes, proof);
            proof.Add(Range(split, end, nodes));
        }
        else
        {
            Path(index, split, end, nodes, proof);
            proof.Add(Range(start, split, nodes));
        }
    }

    private static void SubProof(long m, long start, long end, bool complete, IMerkleNodes nodes, List<byte[]> proof)
    {
        if (m == end)
        {
            if (!complete)
            {
                proof.Add(Range(start, end, nodes));
            }

            return;
        }

        long split = start + SplitPoint(end - start);
        if (m <= split)
        {
            SubProof(m, start, split, complete, nodes, proof);
            proof.Add(Range(split, end, nodes));
        }
        else
        {
            SubProof(m, split, end, complete: false, nodes, proof);
            proof.Add(Range(start, split, nodes));
        }
    }

    /// <summary>The largest power of two smaller than <paramref name="length"/> (length ≥ 2).</summary>
    private static long SplitPoint(long length) => 1L << BitOperations.Log2((ulong)(length - 1));
}
