using System.Text;

namespace Cpm.Sdk.Model.Validation;

/// <summary>
/// Checks a capture against core rule 7 and resolves it into a record.
/// Every failure throws <see cref="ArgumentException"/> (or <see cref="ArgumentNullException"/>) naming the field,
/// before anything reaches the store.
/// </summary>
internal static class CaptureValidator
{
    /// <summary>How far ahead of the clock a capture may claim to have happened.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxJurisdictionLength = 32;
    private const string Param = "capture";

    public static ValidCapture Validate(ConsentCapture capture, Catalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(capture);

        string userId = capture.UserId ?? throw new ArgumentNullException(Name(nameof(capture.UserId)), "UserId is required.");
        if (UserId.Problem(userId) is { } problem)
        {
            throw Invalid(nameof(capture.UserId), $"UserId {problem}.");
        }

        string purpose = RequireIdentifier(capture.Purpose, nameof(capture.Purpose));
        if (!catalog.TryGetPurpose(purpose, out _))
        {
            throw Invalid(nameof(capture.Purpose), $"Purpose '{purpose}' is not in the catalog.");
        }

        string channel = capture.Channel ?? throw new ArgumentNullException(Name(nameof(capture.Channel)), "Channel is required.");
        if (!catalog.AcceptsCaptureChannel(channel))
        {
            throw Invalid(nameof(capture.Channel), Identifier.IsValid(channel)
                ? $"Channel '{channel}' is not in the catalog."
                : $"Channel must be '*' or match {Identifier.Pattern}.");
        }

        if (!Enum.IsDefined(capture.Choice))
        {
            throw Invalid(nameof(capture.Choice), $"Choice {(int)capture.Choice} is not a defined ConsentChoice.");
        }

        if (capture.PolicyVersion < 1)
        {
            throw new ArgumentOutOfRangeException(Name(nameof(capture.PolicyVersion)), capture.PolicyVersion, "PolicyVersion must be at least 1.");
        }

        string source = RequireIdentifier(capture.Source, nameof(capture.Source));
        DateTimeOffset occurredAt = ResolveOccurredAt(capture.OccurredAt, now);
        DateTimeOffset? expiresAt = ResolveExpiresAt(capture.ExpiresAt, occurredAt);
        string? jurisdiction = ValidateJurisdiction(capture.Jurisdiction);
        string? evidenceJson = ValidateEvidence(capture.Evidence);

        return new ValidCapture(userId, purpose, channel, capture.Choice, capture.PolicyVersion, source, occurredAt, expiresAt, jurisdiction, Copy(capture.Evidence), evidenceJson);
    }

    private static string RequireIdentifier(string? value, string field)
    {
        ArgumentNullException.ThrowIfNull(value, Name(field));
        return Identifier.IsValid(value) ? value : throw Invalid(field, $"{field} '{value}' must match {Identifier.Pattern}.");
    }

    private static DateTimeOffset ResolveOccurredAt(DateTimeOffset? requested, DateTimeOffset now)
    {
        DateTimeOffset value = Truncate(requested ?? now);
        if (value < DateTimeOffset.UnixEpoch)
        {
            throw Invalid(nameof(ConsentCapture.OccurredAt), "OccurredAt must not be before 1970-01-01T00:00:00Z.");
        }

        if (value > now + MaxClockSkew)
        {
            throw Invalid(nameof(ConsentCapture.OccurredAt), $"OccurredAt {value.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} is more than {MaxClockSkew.TotalMinutes} minutes in the future.");
        }

        return value;
    }

    private static DateTimeOffset? ResolveExpiresAt(DateTimeOffset? requested, DateTimeOffset occurredAt)
    {
        if (requested is not { } value)
        {
            return null;
        }

        value = Truncate(value);
        return value > occurredAt ? value : throw Invalid(nameof(ConsentCapture.ExpiresAt), "ExpiresAt must be after OccurredAt.");
    }

    private static string? ValidateJurisdiction(string? jurisdiction)
    {
        if (jurisdiction is null)
        {
            return null;
        }

        bool valid = jurisdiction.Length is > 0 and <= MaxJurisdictionLength
            && !string.IsNullOrWhiteSpace(jurisdiction)
            && !jurisdiction.Any(char.IsControl);
        return valid ? jurisdiction : throw Invalid(nameof(ConsentCapture.Jurisdiction), $"Jurisdiction must be 1 to {MaxJurisdictionLength} printable characters.");
    }

    private static string? ValidateEvidence(IReadOnlyDictionary<string, string>? evidence)
    {
        if (evidence is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, string> pair in evidence)
        {
            if (string.IsNullOrWhiteSpace(pair.Key) || pair.Value is null)
            {
                throw Invalid(nameof(ConsentCapture.Evidence), "Evidence keys must be non-blank and values non-null.");
            }
        }

        byte[] json = EvidenceJson.Serialize(evidence);
        return json.Length <= EvidenceJson.MaxBytes
            ? Encoding.UTF8.GetString(json)
            : throw Invalid(nameof(ConsentCapture.Evidence), $"Evidence is {json.Length} bytes as JSON; the limit is {EvidenceJson.MaxBytes}.");
    }

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? evidence) =>
        evidence is null ? null : new Dictionary<string, string>(evidence, StringComparer.Ordinal);

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static string Name(string field) => $"{Param}.{field}";

    private static ArgumentException Invalid(string field, string message) => new(message, Name(field));
}
