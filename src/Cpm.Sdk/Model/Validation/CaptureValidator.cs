namespace Cpm.Sdk.Model.Validation;

/// <summary>
/// Checks a capture against core rule 7 and resolves it. Every failure throws <see cref="ArgumentException"/>
/// (or <see cref="ArgumentNullException"/>, <see cref="ArgumentOutOfRangeException"/>) naming the field as
/// <c>capture.Field</c> (or <c>captures[i].Field</c> for one of several), before anything reaches the store.
/// </summary>
internal static class CaptureValidator
{
    public static ValidCapture Validate(ConsentCapture capture, Catalog catalog, DateTimeOffset now) =>
        Validate(capture, catalog, now, "capture");

    /// <summary>As <see cref="Validate(ConsentCapture, Catalog, DateTimeOffset)"/>; <paramref name="param"/> prefixes every field named.</summary>
    public static ValidCapture Validate(ConsentCapture capture, Catalog catalog, DateTimeOffset now, string param)
    {
        if (capture is null)
        {
            throw new ArgumentNullException(param);
        }

        string Name(string field) => $"{param}.{field}";

        string Require(string? value, string field) =>
            value ?? throw new ArgumentNullException(Name(field), $"{field} is required.");

        void Check(string field, string? problem)
        {
            if (problem is not null)
            {
                throw new ArgumentException(problem, Name(field));
            }
        }

        string userId = Require(capture.UserId, nameof(capture.UserId));
        Check(nameof(capture.UserId), FieldRules.UserIdProblem(userId));

        string purpose = Require(capture.Purpose, nameof(capture.Purpose));
        Check(nameof(capture.Purpose), FieldRules.IdentifierProblem(nameof(capture.Purpose), purpose));
        Check(nameof(capture.Purpose), catalog.TryGetPurpose(purpose, out PurposeRule? rule) ? null : $"Purpose '{purpose}' is not in the catalog.");

        string channel = Require(capture.Channel, nameof(capture.Channel));
        Check(nameof(capture.Channel), FieldRules.ChannelProblem(channel));
        Check(nameof(capture.Channel), catalog.AcceptsCaptureChannel(channel) ? null : $"Channel '{channel}' is not in the catalog.");

        Check(nameof(capture.Choice), Enum.IsDefined(capture.Choice) ? null : $"Choice {(int)capture.Choice} is not a defined ConsentChoice.");
        Check(nameof(capture.Separate), capture.Choice == ConsentChoice.Granted && rule!.RequiresSeparateConsent && !capture.Separate
            ? $"Purpose '{purpose}' requires separate consent: a grant must be given for it alone (Separate = true), not bundled with other purposes."
            : null);
        if (capture.PolicyVersion < 1)
        {
            throw new ArgumentOutOfRangeException(Name(nameof(capture.PolicyVersion)), capture.PolicyVersion, "PolicyVersion must be at least 1.");
        }

        string source = Require(capture.Source, nameof(capture.Source));
        Check(nameof(capture.Source), FieldRules.IdentifierProblem(nameof(capture.Source), source));

        DateTimeOffset occurredAt = Truncate(capture.OccurredAt ?? now);
        Check(nameof(capture.OccurredAt), FieldRules.OccurredAtProblem(occurredAt, now));
        occurredAt = ClampToNow(occurredAt, now);
        DateTimeOffset? expiresAt = capture.ExpiresAt is { } expires ? Truncate(expires) : null;
        Check(nameof(capture.ExpiresAt), FieldRules.ExpiresAtProblem(expiresAt, occurredAt));
        Check(nameof(capture.Jurisdiction), FieldRules.JurisdictionProblem(capture.Jurisdiction));
        Check(nameof(capture.Evidence), FieldRules.EvidenceProblem(capture.Evidence, out string? evidenceJson));
        Check(nameof(capture.Frequency), capture.Frequency is not { } frequency ? null
            : capture.Choice != ConsentChoice.Granted ? "Frequency is part of a grant; a denial or withdrawal carries none."
            : frequency.Problem());

        return new ValidCapture(
            userId, purpose, channel, capture.Choice, capture.PolicyVersion, source, occurredAt, expiresAt,
            capture.Jurisdiction, Copy(capture.Evidence), evidenceJson)
        {
            Separate = capture.Separate,
            Frequency = capture.Frequency,
        };
    }

    /// <summary>
    /// A capture never orders after the moment it is committed: a time up to 5 minutes ahead (allowed for clock
    /// skew between the caller and this instance) is clamped to now. Otherwise a grant stamped a few minutes ahead
    /// would outrank a withdrawal the person makes a minute later, for good.
    /// </summary>
    public static DateTimeOffset ClampToNow(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        DateTimeOffset current = Truncate(now);
        return occurredAt > current ? current : occurredAt;
    }

    /// <summary>Truncates to whole milliseconds in UTC, the precision the store and the wire keep.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? evidence) =>
        evidence is null ? null : new Dictionary<string, string>(evidence, StringComparer.Ordinal);
}
