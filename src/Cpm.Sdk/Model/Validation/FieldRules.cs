using System.Text;

namespace Cpm.Sdk.Model.Validation;

/// <summary>
/// Core rule 7, field by field. Each check returns why a value is invalid, or <see langword="null"/> when it is valid,
/// so captures (which throw) and wire events (which are rejected with a reason) share one set of rules.
/// </summary>
internal static class FieldRules
{
    /// <summary>How far ahead of the clock an event may claim to have happened.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxJurisdictionLength = 32;

    public static string? UserIdProblem(string? value) =>
        value is null ? "UserId is required." : UserId.Problem(value) is { } problem ? $"UserId {problem}." : null;

    public static string? IdentifierProblem(string field, string? value) =>
        value is null ? $"{field} is required."
        : Identifier.IsValid(value) ? null
        : $"{field} '{value}' must match {Identifier.Pattern}.";

    public static string? ChannelProblem(string? value) =>
        value == Gate.SymbolTable.AllChannelsText ? null : IdentifierProblem("Channel", value);

    public static string? OccurredAtProblem(DateTimeOffset value, DateTimeOffset now)
    {
        if (value < DateTimeOffset.UnixEpoch)
        {
            return "OccurredAt must not be before 1970-01-01T00:00:00Z.";
        }

        return value > now + MaxClockSkew
            ? $"OccurredAt {value.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} is more than {MaxClockSkew.TotalMinutes} minutes in the future."
            : null;
    }

    /// <summary>
    /// The time rule for an event received from elsewhere (docs/protocol.md §2). Never before 1970. A pulled event
    /// (<paramref name="receivedAt"/> <see langword="null"/>) is a fact another touchpoint stored: its time is not checked
    /// further. A pushed one is checked against the server clock: a refusal (denied, withdrawn) is never rejected for its
    /// time, so a fast client clock cannot lose it; a grant more than <see cref="MaxClockSkew"/> ahead is rejected, so a
    /// fast clock cannot make it outrank later withdrawals.
    /// </summary>
    public static string? ReceivedOccurredAtProblem(DateTimeOffset value, ConsentChoice choice, DateTimeOffset? receivedAt)
    {
        if (value < DateTimeOffset.UnixEpoch)
        {
            return "occurredAt must not be before 1970-01-01T00:00:00.000Z";
        }

        return receivedAt is { } now && choice == ConsentChoice.Granted && value > now + MaxClockSkew
            ? $"occurredAt is more than {MaxClockSkew.TotalMinutes} minutes ahead of the server clock; fix the client clock and requeue"
            : null;
    }

    public static string? ExpiresAtProblem(DateTimeOffset? expiresAt, DateTimeOffset occurredAt) =>
        expiresAt is { } value && value <= occurredAt ? "ExpiresAt must be after OccurredAt." : null;

    public static string? JurisdictionProblem(string? jurisdiction)
    {
        if (jurisdiction is null)
        {
            return null;
        }

        bool valid = jurisdiction.Length is > 0 and <= MaxJurisdictionLength
            && !string.IsNullOrWhiteSpace(jurisdiction)
            && !jurisdiction.Any(char.IsControl);
        return valid ? null : $"Jurisdiction must be 1 to {MaxJurisdictionLength} printable characters.";
    }

    /// <summary>Checks evidence and serializes it once; <paramref name="json"/> is the stored form.</summary>
    public static string? EvidenceProblem(IReadOnlyDictionary<string, string>? evidence, out string? json)
    {
        json = null;
        if (evidence is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, string> pair in evidence)
        {
            if (string.IsNullOrWhiteSpace(pair.Key) || pair.Value is null)
            {
                return "Evidence keys must be non-blank and values non-null.";
            }
        }

        byte[] utf8 = EvidenceJson.Serialize(evidence);
        if (utf8.Length > EvidenceJson.MaxBytes)
        {
            return $"Evidence is {utf8.Length} bytes as JSON; the limit is {EvidenceJson.MaxBytes}.";
        }

        json = Encoding.UTF8.GetString(utf8);
        return null;
    }
}
