using System.Text;

namespace Cpm.Sdk;

/// <summary>Which records an export holds. Every filter left <see langword="null"/> matches everything.</summary>
public sealed record ExportQuery
{
    /// <summary>Only this person's records.</summary>
    public string? UserId { get; init; }

    /// <summary>Only records that occurred at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only records that occurred before this instant (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// Only records for this purpose and its topics (<c>marketing</c> takes <c>marketing.promotions</c> and
    /// <c>marketing.promotions.flash</c>, not <c>marketing-2</c>).
    /// </summary>
    public string? Purpose { get; init; }

    /// <summary>Only records captured under this jurisdiction (<c>PIPL</c>, <c>GDPR</c>, ...).</summary>
    public string? Jurisdiction { get; init; }

    // The user id is personal data: the text form only says whether the filter is set.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId is null ? "null" : "(set)")
            .Append(", From = ").Append(From)
            .Append(", To = ").Append(To)
            .Append(", Purpose = ").Append(Purpose)
            .Append(", Jurisdiction = ").Append(Jurisdiction);
        return true;
    }
}
