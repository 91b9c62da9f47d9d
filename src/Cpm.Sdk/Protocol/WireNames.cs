using System.Globalization;

namespace Cpm.Sdk.Protocol;

/// <summary>How values are spelled on the wire: lowercase enums, RFC 3339 millisecond UTC timestamps.</summary>
internal static class WireNames
{
    public const string ProtocolHeader = "Cpm-Protocol";
    public const string ProtocolVersion = "1";
    public const int MaxBatch = 500;
    public const int MaxWaitSeconds = 60;
    public const int MaxOriginLength = 64;

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // 'd' is any ASCII digit; every other character must appear as is.
    private const string TimestampShape = "dddd-dd-ddTdd:dd:dd.dddZ";
    private const int TimestampLength = 24;

    public static string Choice(ConsentChoice choice) => choice switch
    {
        ConsentChoice.Granted => "granted",
        ConsentChoice.Denied => "denied",
        _ => "withdrawn",
    };

    public static ConsentChoice? ParseChoice(string? value) => value switch
    {
        "granted" => ConsentChoice.Granted,
        "denied" => ConsentChoice.Denied,
        "withdrawn" => ConsentChoice.Withdrawn,
        _ => null,
    };

    public static string LegalBasis(Sdk.LegalBasis basis) => basis switch
    {
        Sdk.LegalBasis.Consent => "consent",
        Sdk.LegalBasis.LegitimateInterest => "legitimateInterest",
        Sdk.LegalBasis.Contract => "contract",
        _ => "legalObligation",
    };

    public static Sdk.LegalBasis? ParseLegalBasis(string? value) => value switch
    {
        "consent" => Sdk.LegalBasis.Consent,
        "legitimateInterest" => Sdk.LegalBasis.LegitimateInterest,
        "contract" => Sdk.LegalBasis.Contract,
        "legalObligation" => Sdk.LegalBasis.LegalObligation,
        _ => null,
    };

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string? Timestamp(DateTimeOffset? value) => value is { } v ? Timestamp(v) : null;

    /// <summary>
    /// Parses a timestamp in exactly the form of docs/protocol.md §1, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>: upper-case
    /// <c>T</c> and <c>Z</c>, three fractional digits, no offset. Anything else (no zone, another precision, an
    /// offset, a space, a date alone) is <see langword="null"/>: a naive time taken as UTC would reorder consent.
    /// </summary>
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

    public static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an event id: a UUIDv7 in the lowercase 8-4-4-4-12 form, with version nibble 7 and the RFC 4122 variant
    /// (bits <c>10xx</c>). Nil, <c>ffffffff-…</c>, other versions and upper-case hex are refused.
    /// </summary>
    public static bool TryParseId(string? value, out Guid id)
    {
        id = Guid.Empty;
        return value is { Length: 36 } && value[14] == '7' && value[19] is ('8' or '9' or 'a' or 'b')
            && IsLowercaseUuid(value, out id);
    }

    /// <summary>Whether <paramref name="value"/> is any UUID in the canonical lowercase 8-4-4-4-12 form.</summary>
    public static bool IsLowercaseUuid(string? value, out Guid id) =>
        Guid.TryParseExact(value, "D", out id) && string.Equals(value, Id(id), StringComparison.Ordinal);

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
