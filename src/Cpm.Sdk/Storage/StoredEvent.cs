using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Storage;

/// <summary>
/// An event as the store writes and reads it: the record, its evidence already serialized, and the event's salt (the
/// salt of the commitments in its audit-log leaf, made at capture and carried on the wire; <see langword="null"/> on a
/// scrubbed event and an erasure).
/// </summary>
internal sealed record StoredEvent(ConsentRecord Record, string? EvidenceJson, byte[]? Salt)
{
    private byte[]? _leafHash;

    /// <summary>On an erasure: the subject hash it carries (<see cref="Protocol.WireFormat.SubjectHash"/>).</summary>
    public string? SubjectHash { get; init; }

    /// <summary>
    /// On a scrubbed event (its person was erased): the commitments that stand for its user id, evidence and alias, which
    /// the record no longer holds; <see langword="null"/> otherwise.
    /// </summary>
    public Commitments? Scrubbed { get; init; }

    /// <summary>The event's id.</summary>
    public Guid Id => Record.Id;

    /// <summary>
    /// The event's leaf hash in the audit log. Computed once, on first use: callers touch it before they hand the event
    /// to the writer, so the hashing runs on their threads, not on the single writer's.
    /// </summary>
    public byte[] LeafHash => _leafHash ??= EventLeaf.Hash(this);

    /// <summary>
    /// This event with its person's data removed: user id, evidence, alias and salt gone, the commitments of its leaf
    /// kept, so its leaf hash is unchanged. An erasure, or an event already scrubbed, is returned as is.
    /// </summary>
    public StoredEvent ToScrubbed()
    {
        if (Scrubbed is not null || Record.Kind == EventKind.Erasure || Salt is null)
        {
            return this;
        }

        Commitments commitments = Commitments.Of(Salt, Record.UserId, Record.Evidence, Record.Alias);
        return new StoredEvent(Record with { UserId = "", Evidence = null, Alias = null }, null, null)
        {
            Scrubbed = commitments,
            _leafHash = _leafHash,
        };
    }
}
