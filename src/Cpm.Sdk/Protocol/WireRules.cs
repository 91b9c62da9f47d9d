using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// The rules of docs/protocol.md §2 for one event's values: the same rules the SDK applies to its own captures (core
/// rule 7), so a client and a server built on this class accept exactly the same events. Each method returns why an
/// event is invalid, naming the field but never its value, or <see langword="null"/> when it is valid.
/// </summary>
/// <remarks>
/// Read the event with <see cref="WireEventReader.TryRead"/> first, which names structural problems (a field of the
/// wrong JSON type, a field named twice). Catalog checks (is the purpose one this server serves?) are the server's own.
/// </remarks>
public static class WireRules
{
    /// <summary>Why <paramref name="wire"/> breaks a rule of §2, or <see langword="null"/> when it is valid.</summary>
    /// <param name="wire">The event as read.</param>
    /// <param name="receivedAt">
    /// The server's clock for a pushed event, which applies the future-time rule: a grant more than 5 minutes ahead is
    /// rejected, a refusal never is. <see langword="null"/> for a pulled event, whose time is never checked.
    /// </param>
    /// <returns>The first problem found, or <see langword="null"/>.</returns>
    public static string? Problem(WireEvent? wire, DateTimeOffset? receivedAt) => Check(wire, receivedAt, out _, out _, out _);

    /// <summary>Checks <paramref name="wire"/> as <see cref="Problem"/> does and, when it is valid, reads it as a record.</summary>
    /// <param name="wire">The event as read.</param>
    /// <param name="receivedAt">The server's clock for a pushed event; <see langword="null"/> for a pulled one (see <see cref="Problem"/>).</param>
    /// <param name="record">
    /// The event as a record when valid, else <see langword="null"/>. Its <see cref="ConsentRecord.RecordedAt"/> is
    /// <paramref name="receivedAt"/> (the default value for a pulled event); its evidence is a copy.
    /// </param>
    /// <returns>The first problem found, or <see langword="null"/> with <paramref name="record"/> set.</returns>
    public static string? TryParse(WireEvent? wire, DateTimeOffset? receivedAt, out ConsentRecord? record) =>
        Check(wire, receivedAt, out record, out _, out _);

    /// <summary>
    /// The one implementation of the rules; <paramref name="evidenceJson"/> is the evidence as the store keeps it and
    /// <paramref name="salt"/> the event's salt, <see langword="null"/> when the sender sent none.
    /// </summary>
    internal static string? Check(WireEvent? wire, DateTimeOffset? receivedAt, out ConsentRecord? record, out string? evidenceJson, out byte[]? salt)
    {
        record = null;
        evidenceJson = null;
        salt = null;
        if (wire is null)
        {
            return "event is null";
        }

        if (!WireFormat.TryParseId(wire.Id, out Guid id))
        {
            return "id must be a UUIDv7 in lowercase 8-4-4-4-12 form";
        }

        ConsentChoice? choice = WireFormat.ParseChoice(wire.Choice);
        DateTimeOffset? occurredAt = WireFormat.ParseTimestamp(wire.OccurredAt);
        DateTimeOffset? expiresAt = WireFormat.ParseTimestamp(wire.ExpiresAt);
        string? problem = FieldRules.UserIdProblem(wire.UserId)
            ?? FieldRules.IdentifierProblem("Purpose", wire.Purpose)
            ?? FieldRules.ChannelProblem(wire.Channel)
            ?? (choice is null ? "choice must be granted, denied or withdrawn" : null)
            ?? (wire.PolicyVersion < 1 ? "policyVersion must be at least 1" : null)
            ?? (occurredAt is null ? TimestampProblem("occurredAt") : FieldRules.ReceivedOccurredAtProblem(occurredAt.Value, choice!.Value, receivedAt))
            ?? FieldRules.IdentifierProblem("Source", wire.Source)
            ?? (wire.ExpiresAt is not null && expiresAt is null ? TimestampProblem("expiresAt") : null)
            ?? FieldRules.ExpiresAtProblem(expiresAt, occurredAt!.Value)
            ?? FieldRules.JurisdictionProblem(wire.Jurisdiction)
            ?? FieldRules.EvidenceProblem(wire.Evidence, out evidenceJson)
            ?? (string.IsNullOrWhiteSpace(wire.Origin) || wire.Origin.Length > WireFormat.MaxOriginLength
                ? $"origin must be 1 to {WireFormat.MaxOriginLength} characters" : null)
            ?? (wire.Kind is null or WireFormat.ConsentKind ? null : $"kind must be {WireFormat.ConsentKind}, the only kind of protocol version {WireFormat.ProtocolVersion}")
            ?? (wire.Salt is not null && WireFormat.ParseSalt(wire.Salt) is null
                ? $"salt must be {WireFormat.SaltLength} bytes in standard base64 with padding" : null);
        if (problem is not null)
        {
            evidenceJson = null;
            return problem;
        }

        salt = WireFormat.ParseSalt(wire.Salt);
        record = new ConsentRecord
        {
            Id = id,
            UserId = wire.UserId!,
            Purpose = wire.Purpose!,
            Channel = wire.Channel!,
            Choice = choice!.Value,
            PolicyVersion = wire.PolicyVersion,
            Source = wire.Source!,
            OccurredAt = occurredAt!.Value,
            ExpiresAt = expiresAt,
            Jurisdiction = wire.Jurisdiction,
            Separate = wire.Separate == true,
            Evidence = wire.Evidence is null ? null : new Dictionary<string, string>(wire.Evidence, StringComparer.Ordinal),
            RecordedAt = receivedAt ?? default,
            Origin = wire.Origin!,
        };
        return null;
    }

    private static string TimestampProblem(string field) =>
        $"{field} must be a UTC timestamp of the form yyyy-MM-ddTHH:mm:ss.fffZ";
}
