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
    public static string? Problem(WireEvent? wire, DateTimeOffset? receivedAt) => Check(wire, receivedAt, out _, out _, out _, out _);

    /// <summary>
    /// Why <paramref name="userId"/> is not a valid user id (core rule 7: 1 to 256 characters, not whitespace only, no
    /// control characters, well-formed Unicode), or <see langword="null"/> when it is. The same check as captures get.
    /// </summary>
    /// <param name="userId">The user id to check.</param>
    /// <returns>The problem, naming the field but not the value, or <see langword="null"/>.</returns>
    public static string? UserIdProblem(string? userId) => FieldRules.UserIdProblem(userId);

    /// <summary>
    /// Why <paramref name="id"/> is not a valid purpose, channel or source id (<c>^[a-z0-9][a-z0-9._-]{0,63}$</c>), or
    /// <see langword="null"/> when it is.
    /// </summary>
    /// <param name="field">What the message calls the value, such as <c>Source</c>.</param>
    /// <param name="id">The id to check.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is null, empty or whitespace.</exception>
    public static string? IdProblem(string field, string? id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return FieldRules.IdentifierProblem(field, id);
    }

    /// <summary>Checks <paramref name="wire"/> as <see cref="Problem"/> does and, when it is valid, reads it as a record.</summary>
    /// <param name="wire">The event as read.</param>
    /// <param name="receivedAt">The server's clock for a pushed event; <see langword="null"/> for a pulled one (see <see cref="Problem"/>).</param>
    /// <param name="record">
    /// The event as a record when valid, else <see langword="null"/>. Its <see cref="ConsentRecord.RecordedAt"/> is
    /// <paramref name="receivedAt"/> (the default value for a pulled event); its evidence is a copy.
    /// </param>
    /// <returns>The first problem found, or <see langword="null"/> with <paramref name="record"/> set.</returns>
    public static string? TryParse(WireEvent? wire, DateTimeOffset? receivedAt, out ConsentRecord? record) =>
        Check(wire, receivedAt, out record, out _, out _, out _);

    /// <summary>
    /// The one implementation of the rules; <paramref name="evidenceJson"/> is the evidence as the store keeps it and
    /// <paramref name="salt"/> the event's salt (<see langword="null"/> when the sender sent none, and on a scrubbed event
    /// or an erasure).
    /// </summary>
    internal static string? Check(WireEvent? wire, DateTimeOffset? receivedAt, out ConsentRecord? record, out string? evidenceJson, out byte[]? salt) =>
        Check(wire, receivedAt, out record, out evidenceJson, out salt, out _);

    /// <summary>
    /// As the overload above; <paramref name="extras"/> is what only some events carry: a scrubbed event's
    /// commitments, an erasure's subject hash.
    /// </summary>
    internal static string? Check(
        WireEvent? wire, DateTimeOffset? receivedAt, out ConsentRecord? record, out string? evidenceJson, out byte[]? salt, out WireExtras extras)
    {
        record = null;
        evidenceJson = null;
        salt = null;
        extras = default;
        if (wire is null)
        {
            return "event is null";
        }

        if (!WireFormat.TryParseId(wire.Id, out Guid id))
        {
            return "id must be a UUIDv7 in lowercase 8-4-4-4-12 form";
        }

        if (WireFormat.ParseKind(wire.Kind) is not { } kind)
        {
            return $"kind must be {WireFormat.ConsentKind}, {WireFormat.LinkKind}, {WireFormat.UnlinkKind} or {WireFormat.ErasureKind}";
        }

        bool scrubbed = wire.Scrubbed == true;
        string? problem = (wire.Scrubbed == false ? "scrubbed must be true or absent" : null)
            ?? (scrubbed ? ScrubbedProblem(wire, kind) : UnscrubbedProblem(wire))
            ?? (kind == EventKind.Consent
                ? ConsentProblem(wire, receivedAt, scrubbed, out evidenceJson)
                : OtherKindProblem(wire, kind, receivedAt, scrubbed))
            ?? FieldRules.IdentifierProblem("Source", wire.Source)
            ?? (string.IsNullOrWhiteSpace(wire.Origin) || wire.Origin.Length > WireFormat.MaxOriginLength
                ? $"origin must be 1 to {WireFormat.MaxOriginLength} characters" : null)
            ?? (wire.Salt is not null && WireFormat.ParseSalt(wire.Salt) is null
                ? $"salt must be {WireFormat.SaltLength} bytes in standard base64 with padding" : null);
        if (problem is not null)
        {
            evidenceJson = null;
            return problem;
        }

        salt = WireFormat.ParseSalt(wire.Salt);
        extras = new WireExtras(
            scrubbed ? new Audit.Commitments(wire.Subject, wire.EvidenceCommitment, wire.AliasCommitment) : null,
            wire.SubjectHash);
        DateTimeOffset occurredAt = WireFormat.ParseTimestamp(wire.OccurredAt)!.Value;
        record = new ConsentRecord
        {
            Id = id,
            Kind = kind,
            UserId = wire.UserId ?? "",
            Alias = wire.Alias,
            Purpose = wire.Purpose ?? "",
            Channel = wire.Channel ?? "",
            Choice = kind switch
            {
                EventKind.Consent => WireFormat.ParseChoice(wire.Choice)!.Value,
                EventKind.Link => ConsentChoice.Granted,
                _ => ConsentChoice.Withdrawn,
            },
            PolicyVersion = wire.PolicyVersion,
            Source = wire.Source!,
            OccurredAt = occurredAt,
            ExpiresAt = WireFormat.ParseTimestamp(wire.ExpiresAt),
            Jurisdiction = wire.Jurisdiction,
            Separate = wire.Separate == true,
            Frequency = wire.Frequency is { } frequency ? new FrequencyCap(frequency.MaxSends, WireFormat.ParsePeriod(frequency.Period)!.Value) : null,
            Evidence = wire.Evidence is null ? null : new Dictionary<string, string>(wire.Evidence, StringComparer.Ordinal),
            RecordedAt = receivedAt ?? default,
            Origin = wire.Origin!,
        };
        return null;
    }

    private static string? ConsentProblem(WireEvent wire, DateTimeOffset? receivedAt, bool scrubbed, out string? evidenceJson)
    {
        evidenceJson = null;
        ConsentChoice? choice = WireFormat.ParseChoice(wire.Choice);
        DateTimeOffset? occurredAt = WireFormat.ParseTimestamp(wire.OccurredAt);
        DateTimeOffset? expiresAt = WireFormat.ParseTimestamp(wire.ExpiresAt);
        return (scrubbed ? null : FieldRules.UserIdProblem(wire.UserId))
            ?? FieldRules.IdentifierProblem("Purpose", wire.Purpose)
            ?? FieldRules.ChannelProblem(wire.Channel)
            ?? (choice is null ? "choice must be granted, denied or withdrawn" : null)
            ?? (wire.PolicyVersion < 1 ? "policyVersion must be at least 1" : null)
            ?? (occurredAt is null ? TimestampProblem("occurredAt") : FieldRules.ReceivedOccurredAtProblem(occurredAt.Value, choice!.Value, receivedAt))
            ?? (wire.ExpiresAt is not null && expiresAt is null ? TimestampProblem("expiresAt") : null)
            ?? FieldRules.ExpiresAtProblem(expiresAt, occurredAt!.Value)
            ?? FieldRules.JurisdictionProblem(wire.Jurisdiction)
            ?? FieldRules.EvidenceProblem(wire.Evidence, out evidenceJson)
            ?? FrequencyProblem(wire.Frequency, choice!.Value)
            ?? (wire.Alias is null && wire.AliasCommitment is null ? null : "alias is not a field of a consent event")
            ?? (wire.SubjectHash is null ? null : "subjectHash is not a field of a consent event");
    }

    /// <summary>A link, an unlink or an erasure: its own fields, and none of a consent choice's.</summary>
    private static string? OtherKindProblem(WireEvent wire, EventKind kind, DateTimeOffset? receivedAt, bool scrubbed)
    {
        string name = WireFormat.FormatKind(kind);
        DateTimeOffset? occurredAt = WireFormat.ParseTimestamp(wire.OccurredAt);
        string? foreign = wire.Purpose is not null ? "purpose"
            : wire.Channel is not null ? "channel"
            : wire.Choice is not null ? "choice"
            : wire.PolicyVersion != 0 ? "policyVersion"
            : wire.ExpiresAt is not null ? "expiresAt"
            : wire.Jurisdiction is not null ? "jurisdiction"
            : wire.Evidence is not null || wire.EvidenceCommitment is not null ? "evidence"
            : wire.Separate is not null ? "separate"
            : wire.Frequency is not null ? "frequency"
            : null;
        if (foreign is not null)
        {
            return $"{foreign} is not a field of a {name} event";
        }

        string? fields = kind switch
        {
            EventKind.Link => (scrubbed ? null : FieldRules.UserIdProblem(wire.UserId) ?? AliasProblem(wire.Alias))
                ?? (wire.SubjectHash is null ? null : $"subjectHash is not a field of a {name} event"),
            EventKind.Unlink => (scrubbed ? null : (wire.UserId is null ? null : FieldRules.UserIdProblem(wire.UserId)) ?? AliasProblem(wire.Alias))
                ?? (wire.SubjectHash is null ? null : $"subjectHash is not a field of a {name} event"),
            _ => (WireFormat.ParseHash(wire.SubjectHash) is null ? "subjectHash must be SHA-256 in standard base64 with padding" : null)
                ?? (wire.UserId is null ? null : "userId is not a field of an erasure event: it carries subjectHash")
                ?? (wire.Alias is null ? null : "alias is not a field of an erasure event")
                ?? (scrubbed ? "an erasure event is never scrubbed" : null),
        };

        // Only a link can allow anything; like a grant, it may not be dated far ahead of the receiver's clock.
        return fields ?? (occurredAt is null
            ? TimestampProblem("occurredAt")
            : FieldRules.ReceivedOccurredAtProblem(occurredAt.Value, kind == EventKind.Link ? ConsentChoice.Granted : ConsentChoice.Withdrawn, receivedAt));
    }

    /// <summary>A frequency is part of a grant only, and says 1 to 10,000 sends a day, a week or a month.</summary>
    private static string? FrequencyProblem(WireFrequency? frequency, ConsentChoice choice) =>
        frequency is null ? null
        : choice != ConsentChoice.Granted ? "frequency is part of a grant; a denied or withdrawn event carries none"
        : frequency.MaxSends is < 1 or > FrequencyCap.MaxAllowed ? $"frequency.maxSends must be 1 to {FrequencyCap.MaxAllowed}"
        : WireFormat.ParsePeriod(frequency.Period) is null ? "frequency.period must be day, week or month"
        : null;

    private static string? AliasProblem(string? alias) =>
        alias is null ? "alias is required"
        : WireFormat.NormalizeAlias(alias) is not { } normalized ? "alias must be kind:value, at most 320 characters, without control characters"
        : string.Equals(normalized, alias, StringComparison.Ordinal) ? null
        : "alias must be normalised (docs/protocol.md §2)";

    /// <summary>A scrubbed event carries commitments in place of its personal fields, and none of those fields.</summary>
    private static string? ScrubbedProblem(WireEvent wire, EventKind kind) =>
        wire.UserId is not null || wire.Evidence is not null || wire.Alias is not null || wire.Salt is not null
            ? "a scrubbed event carries no userId, evidence, alias or salt"
            : (kind != EventKind.Unlink && wire.Subject is null) || !IsHashOrNull(wire.Subject)
                ? "subject must be the commitment to the user id (SHA-256 in standard base64 with padding)"
                : !IsHashOrNull(wire.EvidenceCommitment)
                    ? "evidenceCommitment must be SHA-256 in standard base64 with padding"
                    : (kind is EventKind.Link or EventKind.Unlink) != (wire.AliasCommitment is not null) || !IsHashOrNull(wire.AliasCommitment)
                        ? "aliasCommitment must be SHA-256 in standard base64 with padding on a scrubbed link or unlink, and absent otherwise"
                        : null;

    private static string? UnscrubbedProblem(WireEvent wire) =>
        wire.Subject is null && wire.EvidenceCommitment is null && wire.AliasCommitment is null
            ? null
            : "subject, evidenceCommitment and aliasCommitment belong to a scrubbed event only";

    private static bool IsHashOrNull(string? value) => value is null || WireFormat.ParseHash(value) is not null;

    private static string TimestampProblem(string field) =>
        $"{field} must be a UTC timestamp of the form yyyy-MM-ddTHH:mm:ss.fffZ";
}

/// <summary>What only some events carry: a scrubbed event's commitments, an erasure's subject hash.</summary>
/// <param name="Scrubbed">The commitments standing for a scrubbed event's personal fields; <see langword="null"/> when not scrubbed.</param>
/// <param name="SubjectHash">An erasure's subject hash (<see cref="WireFormat.SubjectHash"/>).</param>
internal readonly record struct WireExtras(Audit.Commitments? Scrubbed, string? SubjectHash);
