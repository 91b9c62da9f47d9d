using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Reports;

/// <summary>
/// Counts choices per local day × purpose × channel × source × jurisdiction. SQLite groups the events of the period
/// into small time buckets (<see cref="DayBuckets"/>); .NET maps each bucket to its local day and adds up. Every event
/// the store holds counts, pulled ones included.
/// </summary>
internal static class ReportCounts
{
    private const string Query = """
        SELECT occurred_at / $bucket AS bucket, purpose, channel, source, jurisdiction, choice, count(*)
        FROM events
        WHERE occurred_at >= $from AND occurred_at < $to AND choice IS NOT NULL
        """;

    private const string GroupBy = " GROUP BY bucket, purpose, channel, source, jurisdiction, choice";

    public static IReadOnlyList<ReportRow> Count(SqliteConnection connection, ReportQuery query, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        long from = Math.Max(0, query.From.ToUnixTimeMilliseconds());
        long to = Math.Max(from, query.To.ToUnixTimeMilliseconds());
        long size = DayBuckets.SizeFor(zone, from, to);
        while (true)
        {
            Dictionary<RowKey, long[]>? counts = TryCount(connection, query.Jurisdiction, from, to, size, zone, cancellationToken);
            if (counts is not null)
            {
                return [.. counts.Select(Row).OrderBy(r => r, RowOrder.Instance)];
            }

            size = DayBuckets.Smaller(size);
        }
    }

    /// <summary>The counts by key, or <see langword="null"/> when a bucket of this size straddles a local midnight.</summary>
    private static Dictionary<RowKey, long[]>? TryCount(
        SqliteConnection connection, string? jurisdiction, long from, long to, long size, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query + (jurisdiction is null ? "" : " AND jurisdiction = $jurisdiction") + GroupBy;
        command.Parameters.AddWithValue("$bucket", size);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        if (jurisdiction is not null)
        {
            command.Parameters.AddWithValue("$jurisdiction", jurisdiction);
        }

        var counts = new Dictionary<RowKey, long[]>();
        (long Bucket, DateOnly Day) last = (-1, default);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            long bucket = reader.GetInt64(0);
            if (bucket != last.Bucket)
            {
                if (DayBuckets.DayOf(zone, bucket, size) is not { } day)
                {
                    return null;
                }

                last = (bucket, day);
            }

            var key = new RowKey(last.Day, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            if (!counts.TryGetValue(key, out long[]? byChoice))
            {
                counts[key] = byChoice = new long[3];
            }

            // A choice that is not a defined member (a damaged row) counts as the most restrictive, as the gate ranks it.
            int choice = reader.GetInt32(5);
            byChoice[choice is >= 0 and <= 2 ? choice : 2] += reader.GetInt64(6);
        }

        return counts;
    }

    private static ReportRow Row(KeyValuePair<RowKey, long[]> pair) =>
        new(pair.Key.Day, pair.Key.Purpose, pair.Key.Channel, pair.Key.Source, pair.Key.Jurisdiction, pair.Value[0], pair.Value[1], pair.Value[2]);

    private readonly record struct RowKey(DateOnly Day, string Purpose, string Channel, string Source, string? Jurisdiction);

    private sealed class RowOrder : IComparer<ReportRow>
    {
        public static readonly RowOrder Instance = new();

        public int Compare(ReportRow? x, ReportRow? y)
        {
            int order = x!.Day.CompareTo(y!.Day);
            order = order != 0 ? order : string.CompareOrdinal(x.Purpose, y.Purpose);
            order = order != 0 ? order : string.CompareOrdinal(x.Channel, y.Channel);
            order = order != 0 ? order : string.CompareOrdinal(x.Source, y.Source);
            return order != 0 ? order : string.CompareOrdinal(x.Jurisdiction, y.Jurisdiction);
        }
    }
}
