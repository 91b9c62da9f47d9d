using System.Globalization;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// How wire protocol v1 spells values (docs/protocol.md §1), and its fixed names and limits. Every value has exactly
/// one spelling: parsers refuse any other, so two sides that format with these methods agree byte for byte.
/// </summary>
public static class WireFormat
{
    /// <summary>The request header that names the protocol version.</summary>
    public const string ProtocolHeader = "Cpm-Protocol";

    /// <summary>The version this library speaks; a request without <see cref="ProtocolHeader"/> means this version.</summary>
    public const string ProtocolVersion = "1";

    /// <summary>The exact <see cref="WireError.Error"/> of a 400 for a version the server does not speak; clients recognise it.</summary>
    public const string UnsupportedVersionError = "unsupported protocol version";

    /// <summary>The most events in one push or one pull.</summary>
    public const int MaxBatch = 500;

    /// <summary>The longest long poll a pull may ask for, in seconds.</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>The longest <see cref="WireEvent.Origin"/>, in characters.</summary>
    public const int MaxOriginLength = 64;

    /// <summary>The kind of a consent event, and of an event that names no kind.</summary>
    public const string ConsentKind = "consent";

    /// <summary>The kind of an event that points an alias to a user.</summary>
    public const string LinkKind = "link";

    /// <summary>The kind of an event that makes an alias point to no one.</summary>
    public const string UnlinkKind = "unlink";

    /// <summary>The kind of an event that erases a person's data.</summary>
    public const string ErasureKind = "erasure";

    /// <summary>The length of an event's salt, in bytes.</summary>
    public const int SaltLength = 16;

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // 'd' is any ASCII digit; every other character must appear as is.
    private const string TimestampShape = "dddd-dd-ddTdd:dd:dd.dddZ";
    private const int TimestampLength = 24;

    /// <summary>A choice as the wire spells it: <c>granted</c>, <c>denied</c> or <c>withdrawn</c>.</summary>
    /// <param name="choice">A defined choice.</param>
    /// <returns>The lowercase name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="choice"/> is not a defined member.</exception>
    public static string FormatChoice(ConsentChoice choice) => choice switch
    {
        ConsentChoice.Granted => "granted",
        ConsentChoice.Denied => "denied",
        ConsentChoice.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), (int)choice, "Not a defined ConsentChoice."),
    };

    /// <summary>Reads a choice; any spelling but the three of <see cref="FormatChoice"/> is <see langword="null"/>.</summary>
    /// <param name="value">The text on the wire.</param>
    /// <returns>The choice, or <see langword="null"/>.</returns>
    public static ConsentChoice? ParseChoice(string? value) => value switch
    {
        "granted" => ConsentChoice.Granted,
        "denied" => ConsentChoice.Denied,
        "withdrawn" => ConsentChoice.Withdrawn,
        _ => null,
    };

    /// <summary>A legal basis as the wire spells it: <c>consent</c>, <c>legitimateInterest</c>, <c>contract</c>, <c>legalObligation</c> or <c>optOut</c>.</summary>
    /// <param name="basis">A defined legal basis.</param>
    /// <returns>The camelCase name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="basis"/> is not a defined member.</exception>
    public static string FormatLegalBasis(LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "consent",
        LegalBasis.LegitimateInterest => "legitimateInterest",
        LegalBasis.Contract => "contract",
        LegalBasis.LegalObligation => "legalObligation",
        LegalBasis.OptOut => "optOut",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), (int)basis, "Not a defined LegalBasis."),
    };

    /// <summary>Reads a legal basis; any spelling but the five of <see cref="FormatLegalBasis"/> is <see langword="null"/>.</summary>
    /// <param name="value">The text on the wire.</param>
    /// <returns>The legal basis, or <see langword="null"/>.</returns>
    public static LegalBasis? ParseLegalBasis(string? value) => value switch
    {
        "consent" => LegalBasis.Consent,
        "legitimateInterest" => LegalBasis.LegitimateInterest,
        "contract" => LegalBasis.Contract,
        "legalObligation" => LegalBasis.LegalObligation,
        "optOut" => LegalBasis.OptOut,
        _ => null,
    };

    /// <summary>A frequency period as the wire spells it: <c>day</c>, <c>week</c> or <c>month</c>.</summary>
    /// <param name="period">A defined period.</param>
    /// <returns>The lowercase name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined member.</exception>
    public static string FormatPeriod(FrequencyPeriod period) => period switch
    {
        FrequencyPeriod.Day => "day",
        FrequencyPeriod.Week => "week",
        FrequencyPeriod.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(period), (int)period, "Not a defined FrequencyPeriod."),
    };

    /// <summary>Reads a frequency period; any spelling but the three of <see cref="FormatPeriod"/> is <see langword="null"/>.</summary>
    /// <param name="value">The text on the wire.</param>
    /// <returns>The period, or <see langword="null"/>.</returns>
    public static FrequencyPeriod? ParsePeriod(string? value) => value switch
    {
        "day" => FrequencyPeriod.Day,
        "week" => FrequencyPeriod.Week,
        "month" => FrequencyPeriod.Month,
        _ => null,
    };

    /// <summary>
    /// An event kind as the wire and the audit log spell it: <c>consent</c>, <c>link</c>, <c>unlink</c>, <c>erasure</c>;
    /// <c>access</c> and <c>export</c> appear only in a store's own audit log, never on the wire.
    /// </summary>
    /// <param name="kind">A defined kind.</param>
    /// <returns>The lowercase name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined member.</exception>
    public static string FormatKind(EventKind kind) => kind switch
    {
        EventKind.Consent => ConsentKind,
        EventKind.Link => LinkKind,
        EventKind.Unlink => UnlinkKind,
        EventKind.Erasure => ErasureKind,
        EventKind.Access => "access",
        EventKind.Export => "export",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), (int)kind, "Not a defined EventKind."),
    };

    /// <summary>Reads the kind of a wire event: a missing kind is <c>consent</c>; a kind that never travels, or any other text, is <see langword="null"/>.</summary>
    /// <param name="value">The text on the wire.</param>
    /// <returns>The kind, or <see langword="null"/>.</returns>
    public static EventKind? ParseKind(string? value) => value switch
    {
        null or ConsentKind => EventKind.Consent,
        LinkKind => EventKind.Link,
        UnlinkKind => EventKind.Unlink,
        ErasureKind => EventKind.Erasure,
        _ => null,
    };

    /// <summary>
    /// The tombstone of a user id: standard base64 of SHA-256 of its UTF-8. An erasure carries it, so every receiver can
    /// find the person's events and recognise later ones without keeping the id.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <returns>44 characters.</returns>
    public static string SubjectHash(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)));
    }

    /// <summary>Reads a SHA-256 in standard base64 with padding (a subject hash or a commitment).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The 32 bytes, or <see langword="null"/> when <paramref name="value"/> is not exactly that.</returns>
    public static byte[]? ParseHash(string? value)
    {
        Span<byte> bytes = stackalloc byte[33];
        return value is { Length: 44 } && Convert.TryFromBase64String(value, bytes, out int written) && written == 32
            && string.Equals(Convert.ToBase64String(bytes[..32]), value, StringComparison.Ordinal)
            ? bytes[..32].ToArray()
            : null;
    }

    /// <summary>
    /// The one normalisation of an alias, at capture and at lookup: <c>kind:value</c> with the kind lower-cased and the
    /// value trimmed; an <c>email</c> lower-cased; a <c>phone</c> kept to <c>+</c> and digits (a leading <c>00</c>
    /// becomes <c>+</c>). Other kinds are case-sensitive.
    /// </summary>
    /// <param name="alias">The alias as given.</param>
    /// <returns>The normalised alias, or <see langword="null"/> when it is malformed (no kind, an empty value, control characters, over 320 characters).</returns>
    public static string? NormalizeAlias(string? alias) => alias is null ? null : Rights.AliasNormalizer.Normalize(alias);

    /// <summary>An instant as the wire spells it, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> in UTC; digits below a millisecond are dropped.</summary>
    /// <param name="value">The instant, in any offset.</param>
    /// <returns>24 characters, such as <c>2026-11-22T10:00:00.123Z</c>.</returns>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>As <see cref="FormatTimestamp(DateTimeOffset)"/>, with <see langword="null"/> for <see langword="null"/>.</summary>
    /// <param name="value">The instant, or <see langword="null"/>.</param>
    /// <returns>The timestamp, or <see langword="null"/>.</returns>
    public static string? FormatTimestamp(DateTimeOffset? value) => value is { } v ? FormatTimestamp(v) : null;

    /// <summary>
    /// Reads a timestamp in exactly the form of docs/protocol.md §1, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>: upper-case
    /// <c>T</c> and <c>Z</c>, three fractional digits, no offset. Anything else (no zone, another precision, an
    /// offset, a space, a date alone) is <see langword="null"/>: a naive time taken as UTC would reorder consent.
    /// </summary>
    /// <param name="value">The text on the wire.</param>
    /// <returns>The instant in UTC, or <see langword="null"/>.</returns>
    public static DateTimeOffset? ParseTimestamp(string? value)
    {
        if (value is null || value.Length != TimestampLength || !HasTimestampShape(value))
        {
            return null;
        }

        // The shape is fixed above, so the exact parse only checks ranges (month 13, 30 February, hour 24, ...).
        return DateTime.TryParseExact(
            value, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : null;
    }

    /// <summary>An event's salt as the wire spells it: standard base64 with padding.</summary>
    /// <param name="salt">The <see cref="SaltLength"/> bytes.</param>
    /// <returns>The base64 text.</returns>
    /// <exception cref="ArgumentException">The salt is not <see cref="SaltLength"/> bytes.</exception>
    public static string FormatSalt(ReadOnlySpan<byte> salt) => salt.Length == SaltLength
        ? Convert.ToBase64String(salt)
        : throw new ArgumentException($"A salt is {SaltLength} bytes.", nameof(salt));

    /// <summary>Reads an event's salt: standard base64 with padding of exactly <see cref="SaltLength"/> bytes.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The bytes, or <see langword="null"/> when <paramref name="value"/> is not such a salt.</returns>
    public static byte[]? ParseSalt(string? value)
    {
        Span<byte> bytes = stackalloc byte[SaltLength + 3];
        return value is { Length: 24 } && Convert.TryFromBase64String(value, bytes, out int written) && written == SaltLength
            && string.Equals(Convert.ToBase64String(bytes[..SaltLength]), value, StringComparison.Ordinal)
            ? bytes[..SaltLength].ToArray()
            : null;
    }

    /// <summary>A new random salt for an event.</summary>
    /// <returns><see cref="SaltLength"/> bytes from a cryptographic random source.</returns>
    public static byte[] NewSalt() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(SaltLength);

    /// <summary>An id as the wire spells it: lowercase 8-4-4-4-12.</summary>
    /// <param name="id">The id.</param>
    /// <returns>36 characters.</returns>
    public static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an event id: a UUIDv7 in the lowercase 8-4-4-4-12 form, with version nibble 7 and the RFC 9562 variant
    /// (bits <c>10xx</c>). Nil, <c>ffffffff-…</c>, other versions and upper-case hex are refused.
    /// </summary>
    /// <param name="value">The text on the wire.</param>
    /// <param name="id">The id when valid, else <see cref="Guid.Empty"/>.</param>
    /// <returns>Whether <paramref name="value"/> is a valid event id.</returns>
    public static bool TryParseId(string? value, out Guid id)
    {
        id = Guid.Empty;
        return value is { Length: 36 } && value[14] == '7' && value[19] is ('8' or '9' or 'a' or 'b')
            && IsLowercaseUuid(value, out id);
    }

    /// <summary>
    /// Whether <paramref name="value"/> is any UUID in the canonical lowercase 8-4-4-4-12 form, of any version. A
    /// server looks such an id up before anything else, so an id it holds answers <c>duplicate</c> whatever else is
    /// wrong with the new copy; an event id must still pass <see cref="TryParseId"/>.
    /// </summary>
    /// <param name="value">The text on the wire.</param>
    /// <param name="id">The UUID when it is one, else <see cref="Guid.Empty"/>.</param>
    /// <returns>Whether <paramref name="value"/> is a lowercase UUID.</returns>
    public static bool IsLowercaseUuid(string? value, out Guid id)
    {
        if (Guid.TryParseExact(value, "D", out id) && string.Equals(value, FormatId(id), StringComparison.Ordinal))
        {
            return true;
        }

        id = Guid.Empty;
        return false;
    }

    private static bool HasTimestampShape(string value)
    {
        for (int i = 0; i < TimestampLength; i++)
        {
            char expected = TimestampShape[i];
            bool matches = expected == 'd' ? char.IsAsciiDigit(value[i]) : value[i] == expected;
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
