using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Reports;

/// <summary>
/// Counts choices per local day × purpose × channel × source × jurisdiction. One pass over the period's events reads
/// each row straight from SQLite (no string per row) and adds it up in a hash table, keyed by the row's time bucket
/// mapped to its local day (<see cref="DayBuckets"/>). A hash table beats SQL's GROUP BY here: SQLite sorts every row
/// to group them, which costs several times the scan. Every event the store holds counts, pulled ones included.
/// </summary>
internal static class ReportCounts
{
    private const string Query = """
        SELECT occurred_at, purpose, channel, source, jurisdiction, choice
        FROM events
        WHERE occurred_at >= ?1 AND occurred_at < ?2 AND choice IS NOT NULL
        """;

    public static IReadOnlyList<ReportRow> Count(SqliteConnection connection, ReportQuery query, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        long from = Math.Max(0, query.From.ToUnixTimeMilliseconds());
        long to = Math.Max(from, query.To.ToUnixTimeMilliseconds());
        long size = DayBuckets.SizeFor(zone, from, to);
        while (true)
        {
            if (TryCount(connection, query.Jurisdiction, from, to, size, zone, cancellationToken) is { } rows)
            {
                return rows;
            }

            size = DayBuckets.Smaller(size);
        }
    }

    /// <summary>The rows, or <see langword="null"/> when a bucket of this size straddles a local midnight.</summary>
    private static List<ReportRow>? TryCount(
        SqliteConnection connection, string? jurisdiction, long from, long to, long size, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var texts = new Utf8Interner();
        var days = new Dictionary<long, DateOnly>();
        var counts = new Dictionary<RowKey, Counts>();
        (long Bucket, DateOnly Day) last = (-1, default);
        long read = 0;
        using (var rows = new RawRows(connection, Query + (jurisdiction is null ? "" : " AND jurisdiction = ?3"), jurisdiction is null ? [from, to] : [from, to, jurisdiction]))
        {
            while (rows.Read())
            {
                if ((++read & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                long bucket = rows.Int64(0) / size;
                if (bucket != last.Bucket)
                {
                    if (!days.TryGetValue(bucket, out DateOnly day))
                    {
                        if (DayBuckets.DayOf(zone, bucket, size) is not { } found)
                        {
                            return null;
                        }

                        days[bucket] = day = found;
                    }

                    last = (bucket, day);
                }

                var key = new RowKey(
                    last.Day, texts.Intern(rows.Bytes(1)), texts.Intern(rows.Bytes(2)), texts.Intern(rows.Bytes(3)),
                    rows.IsNull(4) ? -1 : texts.Intern(rows.Bytes(4)));
                ref Counts count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);

                // A choice that is not a defined member (a damaged row) counts as the most restrictive, as the gate ranks it.
                switch (rows.Int32(5))
                {
                    case 0:
                        count.Grants++;
                        break;
                    case 1:
                        count.Denials++;
                        break;
                    default:
                        count.Withdrawals++;
                        break;
                }
            }
        }

        var result = counts.Select(pair => new ReportRow(
            pair.Key.Day,
            texts.Text(pair.Key.Purpose),
            texts.Text(pair.Key.Channel),
            texts.Text(pair.Key.Source),
            pair.Key.Jurisdiction < 0 ? null : texts.Text(pair.Key.Jurisdiction),
            pair.Value.Grants,
            pair.Value.Denials,
            pair.Value.Withdrawals)).ToList();
        result.Sort(RowOrder.Instance);
        return result;
    }

    private readonly record struct RowKey(DateOnly Day, int Purpose, int Channel, int Source, int Jurisdiction);

    private struct Counts
    {
        public long Grants;
        public long Denials;
        public long Withdrawals;
    }

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
