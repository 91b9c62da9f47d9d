using Cpm.Sdk.AspNetCore.Http;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>
/// Turns the request's choices into captures. Only the spelling is checked here (a choice or a period the wire does not
/// know): every rule on the values is the SDK's, applied by <see cref="CpmClient.RecordAllAsync"/>.
/// </summary>
internal static class CaptureMapper
{
    /// <summary>
    /// The capture for <paramref name="item"/> at <paramref name="index"/>, or <see langword="null"/> for a missing item
    /// (which the SDK then refuses by index); spelling problems go to <paramref name="errors"/>.
    /// </summary>
    public static ConsentCapture? Map(
        CpmCaptureItem? item, int index, string? userId, string defaultSource, HttpContext context, Dictionary<string, string[]> errors)
    {
        if (item is null)
        {
            return null;
        }

        string field = $"captures[{index}]";
        ConsentChoice? choice = WireFormat.ParseChoice(item.Choice);
        if (choice is null)
        {
            errors[$"{field}.choice"] = ["The choice must be granted, denied or withdrawn."];
        }

        FrequencyCap? frequency = null;
        if (item.Frequency is { } cap)
        {
            if (WireFormat.ParsePeriod(cap.Period) is { } period)
            {
                frequency = new FrequencyCap(cap.MaxSends, period);
            }
            else
            {
                errors[$"{field}.frequency.period"] = ["The period must be day, week or month."];
            }
        }

        return new ConsentCapture(userId!, item.Purpose!, item.Channel!, choice ?? ConsentChoice.Withdrawn)
        {
            PolicyVersion = item.PolicyVersion ?? 1,
            Source = item.Source ?? defaultSource,
            OccurredAt = item.OccurredAt,
            ExpiresAt = item.ExpiresAt,
            Jurisdiction = item.Jurisdiction,
            Separate = item.Separate ?? false,
            Frequency = frequency,
            Evidence = HttpEvidence.Of(context, item.Evidence),
        };
    }

    /// <summary>A stored record as the API answers it.</summary>
    public static CpmRecord ToResponse(ConsentRecord record) => new(
        record.Id,
        record.UserId,
        record.Purpose,
        record.Channel,
        WireFormat.FormatChoice(record.Choice),
        record.PolicyVersion,
        record.Source,
        WireFormat.FormatTimestamp(record.OccurredAt),
        WireFormat.FormatTimestamp(record.RecordedAt),
        WireFormat.FormatTimestamp(record.ExpiresAt),
        record.Jurisdiction,
        record.Separate,
        record.Frequency is { } cap ? new CpmFrequency { MaxSends = cap.MaxSends, Period = WireFormat.FormatPeriod(cap.Period) } : null);
}
