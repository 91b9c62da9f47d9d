namespace Cpm.Sdk.Evidence.Reports;

/// <summary>
/// Maps instants to calendar days in a time zone through fixed-size time buckets, so SQL can count per bucket and
/// .NET assigns each bucket to its local day. A bucket never straddles a local midnight when its size divides every
/// UTC offset the zone uses in the period (and a whole day): an hour in most zones, 30 or 15 minutes in zones such as
/// Asia/Kolkata (+05:30) or Asia/Kathmandu (+05:45), seconds for historical local mean times.
/// </summary>
internal static class DayBuckets
{
    public const long HourMs = 3_600_000;
    public const long MinuteMs = 60_000;

    /// <summary>Samples of the zone's offset taken over a period, at most this many.</summary>
    private const long MaxSamples = 100_000;

    /// <summary>The largest bucket size, at most an hour, that divides every offset the zone uses in [from, to].</summary>
    public static long SizeFor(TimeZoneInfo zone, long fromMs, long toMs)
    {
        long size = HourMs;
        long step = Math.Max(HourMs, (toMs - fromMs) / MaxSamples);
        for (long t = fromMs; ; t += step)
        {
            long at = Math.Min(t, toMs);
            size = Gcd(size, Math.Abs((long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(at)).TotalMilliseconds));
            if (at >= toMs)
            {
                return size;
            }
        }
    }

    /// <summary>A smaller size to fall back on when a bucket of <paramref name="size"/> turned out to straddle a midnight (a transition at an odd minute).</summary>
    public static long Smaller(long size) => size > MinuteMs ? Gcd(size, MinuteMs) : 1;

    /// <summary>The local calendar day of an instant.</summary>
    public static DateOnly LocalDay(TimeZoneInfo zone, long unixMs) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), zone).DateTime);

    /// <summary>The local day of bucket <paramref name="bucket"/>, or <see langword="null"/> when it straddles two days.</summary>
    public static DateOnly? DayOf(TimeZoneInfo zone, long bucket, long size)
    {
        long start = bucket * size;
        DateOnly first = LocalDay(zone, start);
        return size == 1 || LocalDay(zone, start + size - 1) == first ? first : null;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
