using System.Globalization;
using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>A frequency as a form value: <c>none</c>, or <c>{sends}-{day|week|month}</c> such as <c>1-week</c>.</summary>
internal static class FrequencyValue
{
    public const string None = "none";

    public static string Format(FrequencyCap? cap) =>
        cap is { } value
            ? value.MaxSends.ToString(CultureInfo.InvariantCulture) + "-" + value.Period.ToString().ToLowerInvariant()
            : None;

    /// <summary>Reads a value written by <see cref="Format"/>; anything else (signs, leading zeros, spaces, other periods) fails.</summary>
    public static bool TryParse(string? text, out FrequencyCap? cap)
    {
        cap = null;
        if (text == None)
        {
            return true;
        }

        // Stryker disable once Unary : equivalent. The fallback is only taken for a null text, which the next line refuses first.
        int dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash is < 1 or > 5 || text[0] == '0' || text.AsSpan(0, dash).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        FrequencyPeriod? period = text[(dash + 1)..] switch
        {
            "day" => FrequencyPeriod.Day,
            "week" => FrequencyPeriod.Week,
            "month" => FrequencyPeriod.Month,
            _ => null,
        };
        int sends = int.Parse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
        if (period is null || sends > FrequencyCap.MaxAllowed)
        {
            return false;
        }

        cap = new FrequencyCap(sends, period.Value);
        return true;
    }
}
