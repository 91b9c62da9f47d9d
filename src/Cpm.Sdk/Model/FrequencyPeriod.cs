namespace Cpm.Sdk;

/// <summary>
/// A calendar period in <see cref="CpmOptions.TimeZone"/>: what a person means by "once a week", not a sliding window.
/// </summary>
public enum FrequencyPeriod
{
    /// <summary>A calendar day, midnight to midnight (23 or 25 hours on a daylight-saving day).</summary>
    Day = 0,

    /// <summary>A calendar week, Monday to Sunday.</summary>
    Week = 1,

    /// <summary>A calendar month, its first day to its last.</summary>
    Month = 2,
}
