using System.Globalization;

namespace Cpm.Sdk.Sync.Protocol;

/// <summary>How values are spelled on the wire: lowercase enums, RFC 3339 millisecond UTC timestamps.</summary>
internal static class WireNames
{
    public const string ProtocolHeader = "Cpm-Protocol";
    public const string ProtocolVersion = "1";
    public const int MaxBatch = 500;
    public const int MaxWaitSeconds = 60;
    public const int MaxOriginLength = 64;

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

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

    /// <summary>Parses an RFC 3339 timestamp and truncates it to whole milliseconds in UTC.</summary>
    public static DateTimeOffset? ParseTimestamp(string? value)
    {
        if (value is null || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(parsed.ToUnixTimeMilliseconds());
    }

    public static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
