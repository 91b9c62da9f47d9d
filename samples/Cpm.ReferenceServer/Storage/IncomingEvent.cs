namespace Cpm.ReferenceServer.Storage;

/// <summary>One pushed event after validation, in request order.</summary>
/// <param name="WireId">The id as sent, echoed in the result.</param>
/// <param name="Key">The id in canonical lowercase form when it is a valid id (even if the event is rejected), else <see langword="null"/>.</param>
/// <param name="Rejection">Why the event cannot be stored, or <see langword="null"/> when <paramref name="Row"/> is set.</param>
/// <param name="Row">What to store when the event is valid.</param>
internal sealed record IncomingEvent(string? WireId, string? Key, string? Rejection, EventRow? Row);

/// <summary>
/// The columns of one stored event; <paramref name="Body"/> is its canonical wire JSON with its salt, and
/// <paramref name="LeafHash"/> the hash of its audit-log leaf (<c>AuditLeaf.Hash</c>), appended to the Merkle log.
/// </summary>
internal sealed record EventRow(string Id, string UserId, string Purpose, string Channel, long OccurredAt, string Body, byte[] LeafHash);

/// <summary>One page of a pull, in server order.</summary>
/// <param name="Events">Sequence numbers and canonical JSON bodies.</param>
/// <param name="HasMore">Whether more events follow the page right now.</param>
internal sealed record EventPage(IReadOnlyList<(long Sequence, string Body)> Events, bool HasMore);
