using Cpm.Sdk.Evidence.Reports;

namespace Cpm.Sdk.Tests.Evidence;

/// <summary>
/// Report buckets divide every UTC offset a zone uses in the period, so no bucket straddles a local midnight: an hour
/// in whole-hour zones (daylight saving included), 30 or 15 minutes where the offset needs it, seconds for local mean time.
/// </summary>
public sealed class DayBucketsTests
{
    private static readonly long From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long To = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData("UTC", 60)]
    [InlineData("Europe/Berlin", 60)]
    [InlineData("America/New_York", 60)]
    [InlineData("Asia/Shanghai", 60)]
    [InlineData("Asia/Kolkata", 30)]
    [InlineData("Australia/Adelaide", 30)]
    [InlineData("Asia/Kathmandu", 15)]
    [InlineData("Pacific/Chatham", 15)]
    public void The_bucket_divides_every_offset_of_the_zone(string zoneId, int minutes)
    {
        DayBuckets.SizeFor(TimeZoneInfo.FindSystemTimeZoneById(zoneId), From, To).Should().Be(minutes * DayBuckets.MinuteMs);
    }

    [Fact]
    public void An_offset_of_odd_minutes_gives_buckets_of_minutes()
    {
        // Liberia kept -00:44:30 until 1972 (whole minutes in .NET: -00:44).
        long from = new DateTimeOffset(1970, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long to = new DateTimeOffset(1970, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        TimeZoneInfo monrovia = TimeZoneInfo.FindSystemTimeZoneById("Africa/Monrovia");

        long size = DayBuckets.SizeFor(monrovia, from, to);

        size.Should().BeLessThan(15 * DayBuckets.MinuteMs);
        ((long)monrovia.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(from)).TotalMilliseconds % size).Should().Be(0);
        for (long bucket = from / size; bucket * size < to; bucket++)
        {
            DayBuckets.DayOf(monrovia, bucket, size).Should().NotBeNull();
        }
    }

    [Fact]
    public void Every_bucket_of_a_year_lies_within_one_local_day()
    {
        foreach (string zoneId in new[] { "Europe/Berlin", "Asia/Kathmandu", "America/Santiago", "Australia/Lord_Howe" })
        {
            TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            long size = DayBuckets.SizeFor(zone, From, To);
            for (long bucket = From / size; bucket * size < To; bucket++)
            {
                DayBuckets.DayOf(zone, bucket, size).Should().NotBeNull("{0} bucket {1}", zoneId, bucket);
            }
        }
    }

    [Fact]
    public void A_bucket_across_midnight_has_no_day_and_smaller_sizes_end_at_one_millisecond()
    {
        TimeZoneInfo kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
        long midnight = new DateTimeOffset(2026, 6, 1, 18, 15, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        DayBuckets.DayOf(kathmandu, midnight / DayBuckets.HourMs, DayBuckets.HourMs).Should().BeNull();
        DayBuckets.DayOf(kathmandu, midnight / (15 * DayBuckets.MinuteMs), 15 * DayBuckets.MinuteMs).Should().Be(new DateOnly(2026, 6, 2));
        DayBuckets.Smaller(DayBuckets.HourMs).Should().Be(DayBuckets.MinuteMs);
        DayBuckets.Smaller(DayBuckets.MinuteMs).Should().Be(1);
        DayBuckets.DayOf(kathmandu, midnight - 1, 1).Should().Be(new DateOnly(2026, 6, 1));
    }
}
