namespace Cpm.Sdk;

/// <summary>
/// An inclusion proof of a receipt's record in an audit log: with <see cref="Audit.MerkleLog.VerifyInclusion"/>, the
/// record's leaf hash at <see cref="LeafIndex"/> and <see cref="Proof"/> give <see cref="Checkpoint"/>'s root for its size.
/// </summary>
/// <param name="Checkpoint">The checkpoint the proof is against.</param>
/// <param name="LeafIndex">The record's leaf index in that log, from 0.</param>
/// <param name="Proof">The inclusion path (RFC 9162 §2.1.3), from the leaf's sibling up.</param>
public sealed record ReceiptProof(AuditCheckpoint Checkpoint, long LeafIndex, IReadOnlyList<byte[]> Proof)
{
    /// <summary>For the server's log: the signed checkpoint text, <c>origin\nsize\nbase64(root)\n</c>; <see langword="null"/> for the store's.</summary>
    public string? SignedCheckpoint { get; init; }

    /// <summary>For the server's log: the ECDSA P-256 / SHA-256 signature of <see cref="SignedCheckpoint"/>'s UTF-8 bytes, DER, in base64.</summary>
    public string? Signature { get; init; }

    /// <summary>For the server's log: the lowercase hex SHA-256 of the signing key's SubjectPublicKeyInfo.</summary>
    public string? KeyId { get; init; }
}
