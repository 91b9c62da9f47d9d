using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Storage;

/// <summary>
/// A record as the store writes and reads it: the record, its evidence already serialized, and the event's salt (the
/// salt of the commitments in its audit-log leaf, made at capture and carried on the wire).
/// </summary>
internal sealed record StoredEvent(ConsentRecord Record, string? EvidenceJson, byte[] Salt)
{
    private byte[]? _leafHash;

    /// <summary>The event's id.</summary>
    public Guid Id => Record.Id;

    /// <summary>
    /// The event's leaf hash in the audit log. Computed once, on first use: callers touch it before they hand the event
    /// to the writer, so the hashing runs on their threads, not on the single writer's.
    /// </summary>
    public byte[] LeafHash => _leafHash ??= EventLeaf.Hash(Record, Salt);
}
