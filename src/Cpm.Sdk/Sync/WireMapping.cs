using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Reads wire events into what the store writes. The rules are <see cref="WireRules"/>, the ones the reference server
/// applies (core rule 7); an invalid event yields the reason instead of a record.
/// </summary>
internal static class WireMapping
{
    /// <summary>Validates a wire event; returns the error, or <see langword="null"/> with the event as a stored record.</summary>
    /// <param name="wire">The event as received.</param>
    /// <param name="receivedAt">
    /// The server's clock for a pushed event, which applies the future-time rule of docs/protocol.md §2 (a grant more than
    /// 5 minutes ahead is rejected, a refusal never is); <see langword="null"/> for a pulled event, whose time is never checked.
    /// </param>
    /// <param name="parsed">The record and its evidence JSON; <c>RecordedAt</c> is set by the store at commit.</param>
    public static string? TryParse(WireEvent? wire, DateTimeOffset? receivedAt, out StoredEvent? parsed)
    {
        string? problem = WireRules.Check(wire, receivedAt, out ConsentRecord? record, out string? evidenceJson, out byte[]? salt, out WireExtras extras);

        // An event from a peer of protocol version 1 comes without a salt: the receiver makes one (docs/protocol.md §2).
        // A scrubbed event and an erasure have none, and need none.
        bool needsSalt = extras.Scrubbed is null && record?.Kind != EventKind.Erasure;
        parsed = record is null
            ? null
            : new StoredEvent(record, evidenceJson, salt ?? (needsSalt ? WireFormat.NewSalt() : null))
            {
                Scrubbed = extras.Scrubbed,
                SubjectHash = extras.SubjectHash,
            };
        return problem;
    }

    /// <summary>A stored event as the wire spells it, with its kind and salt.</summary>
    public static WireEvent ToWire(StoredEvent stored) => WireEvent.From(stored.Record, stored.Salt, stored.Scrubbed, stored.SubjectHash);
}
