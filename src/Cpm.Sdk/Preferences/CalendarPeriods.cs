namespace Cpm.Sdk.Preferences;

/// <summary>
/// Calendar periods in one time zone (DESIGN.md, "Frequency is part of a grant"): a day is a local date, a week runs
/// Monday to Sunday, a month from its first day to its last. Instants become local dates through the zone's rules, so a
/// daylight-saving day is simply a date with 23 or 25 hours. Dates are day numbers (<see cref="DateOnly.DayNumber"/>).
/// </summary>
internal sealed class CalendarPeriods(TimeZoneInfo zone)
{
    /// <summary>The local date of <paramref name="instant"/>, as a day number.</summary>
    public int DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime).DayNumber;

    /// <summary>The first day of the <paramref name="period"/> holding <paramref name="day"/>.</summary>
    public static int StartOf(FrequencyPeriod period, int day)
    {
        DateOnly date = DateOnly.FromDayNumber(day);
        return period switch
        {
            FrequencyPeriod.Day => day,
            FrequencyPeriod.Week => day - (((int)date.DayOfWeek + 6) % 7),   // Monday is 0
            _ => new DateOnly(date.Year, date.Month, 1).DayNumber,
        };
    }

    /// <summary>Whether two days fall in the same <paramref name="period"/>.</summary>
    public static bool SamePeriod(FrequencyPeriod period, int day, int other) => StartOf(period, day) == StartOf(period, other);

    /// <summary>Whether a send made on <paramref name="day"/> still counts on <paramref name="today"/>: its week or its month is not over.</summary>
    public static bool StillCounts(int day, int today) =>
        SamePeriod(FrequencyPeriod.Week, day, today) || SamePeriod(FrequencyPeriod.Month, day, today);
}
