using Cpm.Sdk.Preferences;

namespace Cpm.Sdk.Tests.Preferences;

/// <summary>
/// Calendar periods as a person means them (DESIGN.md): local days, weeks from Monday, months, in UTC, in
/// <c>Asia/Shanghai</c> (UTC+8, no daylight saving) and in <c>Europe/Berlin</c> across both daylight-saving changes.
/// </summary>
public sealed class CalendarPeriodsTests
{
    /// <summary>zone, instant A, instant B, period, whether A and B fall in the same period.</summary>
    public static TheoryData<string, string, string, FrequencyPeriod, bool> Boundaries() => new()
    {
        // UTC: midnight, Monday, month ends (a 30-day month, February of a common and of a leap year, December).
        { "UTC", "2026-12-02T23:59:59.999Z", "2026-12-03T00:00:00Z", FrequencyPeriod.Day, false },
        { "UTC", "2026-12-02T00:00:00Z", "2026-12-02T23:59:59.999Z", FrequencyPeriod.Day, true },
        { "UTC", "2026-12-06T23:59:59Z", "2026-12-07T00:00:00Z", FrequencyPeriod.Week, false },   // Sunday | Monday
        { "UTC", "2026-11-30T00:00:00Z", "2026-12-06T23:59:59Z", FrequencyPeriod.Week, true },    // Monday .. Sunday
        { "UTC", "2026-11-30T00:00:00Z", "2026-12-06T23:59:59Z", FrequencyPeriod.Month, false },  // one week, two months
        { "UTC", "2026-11-30T23:59:59Z", "2026-12-01T00:00:00Z", FrequencyPeriod.Month, false },
        { "UTC", "2026-02-28T12:00:00Z", "2026-03-01T00:00:00Z", FrequencyPeriod.Month, false },
        { "UTC", "2028-02-29T12:00:00Z", "2028-02-01T00:00:00Z", FrequencyPeriod.Month, true },
        { "UTC", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z", FrequencyPeriod.Month, false },
        { "UTC", "2026-12-28T00:00:00Z", "2027-01-03T23:59:59Z", FrequencyPeriod.Week, true },    // a week across the new year

        // Shanghai: the local date, not the UTC one.
        { "Asia/Shanghai", "2026-12-02T15:59:59Z", "2026-12-02T16:00:00Z", FrequencyPeriod.Day, false },   // 23:59:59 | 00:00 local
        { "Asia/Shanghai", "2026-12-02T00:00:00Z", "2026-12-02T15:59:59Z", FrequencyPeriod.Day, true },
        { "Asia/Shanghai", "2026-12-06T15:59:59Z", "2026-12-06T16:00:00Z", FrequencyPeriod.Week, false },  // Sunday | Monday local, both Sunday in UTC
        { "Asia/Shanghai", "2026-11-30T15:59:59Z", "2026-11-30T16:00:00Z", FrequencyPeriod.Month, false }, // 30 Nov | 1 Dec local

        // Berlin: 2026-03-29 has 23 hours (02:00 -> 03:00), 2026-10-25 has 25 (03:00 -> 02:00).
        { "Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T21:59:59Z", FrequencyPeriod.Day, true },    // 00:00 .. 23:59:59 CEST
        { "Europe/Berlin", "2026-03-29T21:59:59Z", "2026-03-29T22:00:00Z", FrequencyPeriod.Day, false },
        { "Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25T22:59:59Z", FrequencyPeriod.Day, true },    // 25 hours, one day
        { "Europe/Berlin", "2026-10-25T22:59:59Z", "2026-10-25T23:00:00Z", FrequencyPeriod.Day, false },
        { "Europe/Berlin", "2026-10-25T22:59:59Z", "2026-10-25T23:00:00Z", FrequencyPeriod.Week, false },  // Sunday | Monday
        { "Europe/Berlin", "2026-10-31T22:59:59Z", "2026-10-31T23:00:00Z", FrequencyPeriod.Month, false }, // 31 Oct | 1 Nov local (CET)
        { "Europe/Berlin", "2026-03-31T21:59:59Z", "2026-03-31T22:00:00Z", FrequencyPeriod.Month, false }, // 31 Mar | 1 Apr local (CEST)
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Instants_fall_in_the_same_period_as_a_person_in_that_zone_would_say(string zone, string a, string b, FrequencyPeriod period, bool same)
    {
        var calendar = new CalendarPeriods(TimeZoneInfo.FindSystemTimeZoneById(zone));

        int dayA = calendar.DayOf(DateTimeOffset.Parse(a, System.Globalization.CultureInfo.InvariantCulture));
        int dayB = calendar.DayOf(DateTimeOffset.Parse(b, System.Globalization.CultureInfo.InvariantCulture));

        CalendarPeriods.SamePeriod(period, dayA, dayB).Should().Be(same);
        CalendarPeriods.SamePeriod(period, dayB, dayA).Should().Be(same);
    }

    [Fact]
    public void A_week_starts_on_monday_and_a_month_on_its_first_day()
    {
        for (int day = new DateOnly(2026, 1, 1).DayNumber; day < new DateOnly(2029, 1, 1).DayNumber; day++)
        {
            DateOnly date = DateOnly.FromDayNumber(day);
            DateOnly.FromDayNumber(CalendarPeriods.StartOf(FrequencyPeriod.Week, day)).DayOfWeek.Should().Be(DayOfWeek.Monday);
            (day - CalendarPeriods.StartOf(FrequencyPeriod.Week, day)).Should().BeInRange(0, 6);
            DateOnly.FromDayNumber(CalendarPeriods.StartOf(FrequencyPeriod.Month, day)).Should().Be(new DateOnly(date.Year, date.Month, 1));
            CalendarPeriods.StartOf(FrequencyPeriod.Day, day).Should().Be(day);
        }
    }

    [Theory]
    [InlineData("2026-12-02", "2026-12-02", true)]
    [InlineData("2026-11-30", "2026-12-06", true)]    // same week, another month
    [InlineData("2026-12-01", "2026-12-31", true)]    // same month
    [InlineData("2026-11-29", "2026-12-02", false)]   // the week before, the month before
    [InlineData("2026-11-25", "2026-12-01", false)]
    [InlineData("2026-12-31", "2027-01-01", true)]    // the week of the new year
    [InlineData("2026-12-27", "2027-01-01", false)]
    public void A_send_still_counts_while_its_week_or_its_month_lasts(string sent, string today, bool counts)
    {
        CalendarPeriods.StillCounts(DateOnly.Parse(sent, System.Globalization.CultureInfo.InvariantCulture).DayNumber, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).DayNumber)
            .Should().Be(counts);
    }
}
