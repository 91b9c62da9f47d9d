using System.Numerics;
using System.Security.Cryptography;

namespace Cpm.Sdk.Audit;

/// <summary>
/// The audit log's hashing, as RFC 6962 / RFC 9162 define a Merkle tree over SHA-256: leaf hash = SHA-256(0x00 ‖ leaf),
/// node hash = SHA-256(0x01 ‖ left ‖ right), the empty tree's root is SHA-256 of nothing. Public so auditors can check
/// roots and proofs with their own tools; tested against the published RFC 6962 vectors.
/// </summary>
public static class MerkleLog
{
    /// <summary>The size of every hash, in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>The hash of one leaf: SHA-256(0x00 ‖ <paramref name="leaf"/>).</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leaf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    /// <summary>The hash of an interior node: SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        if (left.Length != HashSize || right.Length != HashSize)
        {
            throw new ArgumentException($"Child hashes must be {HashSize} bytes.", left.Length != HashSize ? nameof(left) : nameof(right));
        }

        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The root of the tree whose leaves have these hashes, in order; SHA-256 of nothing when there are none.</summary>
    /// <param name="leafHashes">The leaf hashes (see <see cref="HashLeaf"/>).</param>
    /// <returns>32 bytes.</returns>
    public static byte[] RootOf(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return MerkleProofs.Root(leafHashes.Count, new LeafListNodes(leafHashes));
    }

    /// <summary>The root of a log of <paramref name="size"/> leaves, from its complete subtree hashes.</summary>
    /// <param name="size">The log's size.</param>
    /// <param name="subtree">The hash of the perfect subtree at (level, index), covering leaves [index·2^level, (index+1)·2^level).</param>
    /// <returns>32 bytes.</returns>
    public static byte[] RootOf(long size, Func<int, long, byte[]> subtree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(subtree);
        return MerkleProofs.Root(size, new DelegateNodes(subtree));
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the log of <paramref name="size"/> leaves (RFC 9162 §2.1.3.1).</summary>
    /// <param name="index">The leaf's index, from 0.</param>
    /// <param name="size">The log size the proof is for.</param>
    /// <param name="subtree">The hash of the perfect subtree at (level, index), as for <see cref="RootOf(long, Func{int, long, byte[]})"/>.</param>
    /// <returns>The proof, from the leaf's sibling up.</returns>
    public static IReadOnlyList<byte[]> InclusionProof(long index, long size, Func<int, long, byte[]> subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        return MerkleProofs.Inclusion(index, size, new DelegateNodes(subtree));
    }

    /// <summary>The consistency proof from size <paramref name="size1"/> to <paramref name="size2"/> (RFC 9162 §2.1.4.1).</summary>
    /// <param name="size1">The older size.</param>
    /// <param name="size2">The newer size.</param>
    /// <param name="subtree">The hash of the perfect subtree at (level, index), as for <see cref="RootOf(long, Func{int, long, byte[]})"/>.</param>
    /// <returns>The proof; empty when the sizes are equal or <paramref name="size1"/> is 0.</returns>
    public static IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2, Func<int, long, byte[]> subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        return MerkleProofs.Consistency(size1, size2, new DelegateNodes(subtree));
    }

    /// <summary>
    /// Checks that the leaf with hash <paramref name="leafHash"/> sits at <paramref name="index"/> in the tree of
    /// <paramref name="size"/> leaves whose root is <paramref name="root"/> (RFC 9162 §2.1.3.2).
    /// </summary>
    /// <param name="index">The leaf's index, from 0.</param>
    /// <param name="size">The tree size.</param>
    /// <param name="leafHash">The leaf's hash.</param>
    /// <param name="proof">The inclusion path, from the leaf's sibling up.</param>
    /// <param name="root">The root of the tree of <paramref name="size"/> leaves.</param>
    /// <returns>Whether the proof holds.</returns>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != HashSize)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        byte[] r = leafHash.ToArray();
        foreach (byte[] p in proof)
        {
            if (sn == 0 || p is not { Length: HashSize })
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
                    fn >>= 1;
                    // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
                    sn >>= 1;
                }
            }
            else
            {
                r = HashChildren(r, p);
            }

            // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
            fn >>= 1;
            // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>
    /// Checks that the tree of <paramref name="size2"/> leaves (root <paramref name="root2"/>) extends the tree of
    /// <paramref name="size1"/> leaves (root <paramref name="root1"/>) by appending only (RFC 9162 §2.1.4.2).
    /// Equal sizes need an empty proof and equal roots; size 0 is consistent with every tree.
    /// </summary>
    /// <param name="size1">The older size.</param>
    /// <param name="size2">The newer size.</param>
    /// <param name="root1">The older root.</param>
    /// <param name="root2">The newer root.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <returns>Whether the proof holds.</returns>
    public static bool VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 < 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        if (size1 == 0)
        {
            return proof.Count == 0;
        }

        if (proof.Count == 0 || proof.Any(p => p is not { Length: HashSize }))
        {
            return false;
        }

        var path = new List<byte[]>(proof.Count + 1);
        if (BitOperations.IsPow2(size1))
        {
            path.Add(root1.ToArray());
        }

        path.AddRange(proof);
        long fn = size1 - 1, sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
            fn >>= 1;
            // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
            sn >>= 1;
        }

        byte[] fr = path[0], sr = path[0];
        foreach (byte[] c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = HashChildren(c, fr);
                sr = HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
                    fn >>= 1;
                    // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
                    sn >>= 1;
                }
            }
            else
            {
                sr = HashChildren(sr, c);
            }

            // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
            fn >>= 1;
            // Stryker disable once Assignment : equivalent. fn and sn start at an index and a size minus one, never negative, so >>= and >>> agree.
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(root1) && sr.AsSpan().SequenceEqual(root2);
    }
}
