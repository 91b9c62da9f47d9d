namespace Cpm.Sdk.Protocol;

/// <summary>
/// The 200 body of <c>GET v1/checkpoint</c> (docs/protocol.md §9): the server's latest signed checkpoint.
/// </summary>
public sealed class CheckpointResponse
{
    /// <summary>
    /// The checkpoint text, exactly three lines each ending in <c>\n</c>: origin, size, base64 root hash
    /// (<see cref="CheckpointFormat"/>).
    /// </summary>
    public string? Checkpoint { get; set; }

    /// <summary>ECDSA P-256 with SHA-256 over the UTF-8 bytes of <see cref="Checkpoint"/>, DER-encoded, in standard base64.</summary>
    public string? Signature { get; set; }

    /// <summary>The lowercase hex SHA-256 of the signing key's SubjectPublicKeyInfo DER (<see cref="CheckpointSignature.KeyId"/>).</summary>
    public string? KeyId { get; set; }
}

/// <summary>The 200 body of <c>GET v1/proofs/consistency?from=&amp;to=</c> (docs/protocol.md §9, RFC 9162 §2.1.4).</summary>
public sealed class ConsistencyProofResponse
{
    /// <summary>The proof's node hashes in order, each in standard base64; empty when the sizes are equal or <c>from</c> is 0.</summary>
    public List<string>? Proof { get; set; }
}

/// <summary>The 200 body of <c>GET v1/proofs/inclusion?id=&amp;size=</c> (docs/protocol.md §9, RFC 9162 §2.1.3).</summary>
public sealed class InclusionProofResponse
{
    /// <summary>The event's leaf index in the server's log (its <see cref="WireEvent.Seq"/>).</summary>
    public long Index { get; set; }

    /// <summary>The inclusion path from the leaf's sibling up, each hash in standard base64.</summary>
    public List<string>? Proof { get; set; }
}
