using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.ReferenceServer.Storage;

/// <summary>One pushed event after validation, in request order.</summary>
/// <param name="WireId">The id as sent, echoed in the result.</param>
/// <param name="Key">The id in canonical lowercase form when it is a valid id (even if the event is rejected), else <see langword="null"/>.</param>
/// <param name="Rejection">Why the event cannot be stored, or <see langword="null"/> when <paramref name="Row"/> is set.</param>
/// <param name="Row">What to store when the event is valid.</param>
internal sealed record IncomingEvent(string? WireId, string? Key, string? Rejection, EventRow? Row);

/// <summary>
/// One event to store: <paramref name="Event"/> in its canonical form (with its salt, or scrubbed, or an erasure),
/// <paramref name="Body"/> its wire JSON, and <paramref name="LeafHash"/> the hash of its audit-log leaf
/// (<c>AuditLeaf.Hash</c>), appended to the Merkle log.
/// </summary>
internal sealed record EventRow(string Id, WireEvent Event, string Body, long OccurredAt, byte[] LeafHash)
{
    /// <summary>A row for <paramref name="canonical"/>, serialized and hashed once, outside the writer's lock.</summary>
    public static EventRow Of(string id, WireEvent canonical, long occurredAt) =>
        new(id, canonical, JsonSerializer.Serialize(canonical, ProtocolJson.WireEvent), occurredAt, AuditLeaf.Hash(canonical))
        {
            SubjectHash = canonical.UserId is { } user ? WireFormat.SubjectHash(user) : null,
        };

    /// <summary>
    /// The subject hash of the user id the event names in clear (<see cref="WireFormat.SubjectHash"/>): what an erasure
    /// looks its events up by. <see langword="null"/> on an erasure, a scrubbed event and an unlink without a user.
    /// </summary>
    public string? SubjectHash { get; private init; }

    /// <summary>On an erasure, the subject hash of the person it erases; else <see langword="null"/>.</summary>
    public string? Erases => Event.Kind == WireFormat.ErasureKind ? Event.SubjectHash : null;

    /// <summary>The row as it is stored for an erased person: the scrubbed form, same leaf, no subject to look up.</summary>
    public EventRow Scrubbed()
    {
        WireEvent scrubbed = AuditLeaf.Scrub(Event);
        return this with { Event = scrubbed, Body = JsonSerializer.Serialize(scrubbed, ProtocolJson.WireEvent), SubjectHash = null };
    }
}

/// <summary>One page of a pull, in server order.</summary>
/// <param name="Events">Sequence numbers and canonical JSON bodies.</param>
/// <param name="HasMore">Whether more events follow the page right now.</param>
internal sealed record EventPage(IReadOnlyList<(long Sequence, string Body)> Events, bool HasMore);
