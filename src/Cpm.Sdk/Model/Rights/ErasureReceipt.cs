namespace Cpm.Sdk;

/// <summary>
/// What an erasure did (<see cref="IDataSubjectRights.EraseAsync"/>): what was erased, when, and the erasure event's
/// id and audit-log leaf, so the request can be proven to have been served without keeping what it erased.
/// </summary>
public sealed record ErasureReceipt
{
    /// <summary>The erasure event's id.</summary>
    public required Guid EventId { get; init; }

    /// <summary>When the erasure took effect, in UTC: every event that occurred at or before it is erased.</summary>
    public required DateTimeOffset ErasedAt { get; init; }

    /// <summary>The tombstone: base64 of SHA-256 of the user id, the only trace of the id kept.</summary>
    public required string SubjectHash { get; init; }

    /// <summary>How many of the person's events had their user id, evidence, alias and salt deleted.</summary>
    public required int EventsScrubbed { get; init; }

    /// <summary>How many of those events carried evidence.</summary>
    public required int EvidenceErased { get; init; }

    /// <summary>How many aliases stopped pointing to the person.</summary>
    public required int AliasesErased { get; init; }

    /// <summary>The erasure event's leaf in the audit log: canonical JSON, holding no personal data.</summary>
    public required string Leaf { get; init; }

    /// <summary>The leaf's hash, SHA-256(0x00 ‖ leaf).</summary>
    public required byte[] LeafHash { get; init; }
}
