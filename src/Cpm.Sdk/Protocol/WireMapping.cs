using Cpm.Sdk.Model;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// Converts records to wire events and back. Incoming events are checked with the same rules as captures
/// (core rule 7); an invalid one yields the reason instead of a record.
/// </summary>
internal static class WireMapping
{
    public static WireEvent ToWire(ConsentRecord record) => new()
    {
        Id = WireNames.Id(record.Id),
        UserId = record.UserId,
        Purpose = record.Purpose,
        Channel = record.Channel,
        Choice = WireNames.Choice(record.Choice),
        PolicyVersion = record.PolicyVersion,
        OccurredAt = WireNames.Timestamp(record.OccurredAt),
        Source = record.Source,
        Jurisdiction = record.Jurisdiction,
        ExpiresAt = WireNames.Timestamp(record.ExpiresAt),
        Evidence = record.Evidence is null ? null : new Dictionary<string, string>(record.Evidence, StringComparer.Ordinal),
        Origin = record.Origin,
    };

    /// <summary>Validates a wire event; returns the error, or <see langword="null"/> with the event as a stored record.</summary>
    /// <param name="wire">The event as received.</param>
    /// <param name="receivedAt">
    /// The server's clock for a pushed event, which applies the future-time rule of docs/protocol.md §2 (a grant more than
    /// 5 minutes ahead is rejected, a refusal never is); <see langword="null"/> for a pulled event, whose time is never checked.
    /// </param>
    /// <param name="parsed">The record and its evidence JSON; <c>RecordedAt</c> is set by the store at commit.</param>
    public static string? TryParse(WireEvent? wire, DateTimeOffset? receivedAt, out StoredEvent? parsed)
    {
        parsed = null;
        if (wire is null)
        {
            return "event is null";
        }

        if (!WireNames.TryParseId(wire.Id, out Guid id))
        {
            return "id must be a UUIDv7 in lowercase 8-4-4-4-12 form";
        }

        ConsentChoice? choice = WireNames.ParseChoice(wire.Choice);
        DateTimeOffset? occurredAt = WireNames.ParseTimestamp(wire.OccurredAt);
        DateTimeOffset? expiresAt = WireNames.ParseTimestamp(wire.ExpiresAt);
        string? evidenceJson = null;
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
            ?? (string.IsNullOrWhiteSpace(wire.Origin) || wire.Origin.Length > WireNames.MaxOriginLength
                ? $"origin must be 1 to {WireNames.MaxOriginLength} characters" : null);
        if (problem is not null)
        {
            return problem;
        }

        var record = new ConsentRecord
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
            Evidence = wire.Evidence,
            RecordedAt = receivedAt ?? default,
            Origin = wire.Origin!,
        };
        parsed = new StoredEvent(record, evidenceJson);
        return null;
    }

    private static string TimestampProblem(string field) =>
        $"{field} must be a UTC timestamp of the form yyyy-MM-ddTHH:mm:ss.fffZ";
}
