using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Reports;

/// <summary>
/// Counts consent choices per local day × purpose × channel × source × jurisdiction, and the other kinds of event
/// (rights requests served, identity changes) per local day. One pass over the period's events reads each row straight
/// from SQLite (no string per row) and adds it up in a hash table, keyed by the row's time bucket mapped to its local
/// day (<see cref="DayBuckets"/>). A hash table beats SQL's GROUP BY here: SQLite sorts every row to group them, which
/// costs several times the scan. Every event the store holds counts, pulled ones included; a choice whose person was
/// erased since still counts (it happened), without naming anyone.
/// </summary>
internal static class ReportCounts
{
    private const string Query = """
        SELECT occurred_at, purpose, channel, source, jurisdiction, choice, kind
        FROM events
        WHERE occurred_at >= ?1 AND occurred_at < ?2
        """;

    /// <summary>A jurisdiction limits the choices; other kinds carry none and are counted store-wide.</summary>
    private const string InJurisdiction = " AND (kind <> 'consent' OR jurisdiction = ?3)";

    public static (IReadOnlyList<ReportRow> Rows, IReadOnlyList<RightsRequestRow> Rights) Count(
        SqliteConnection connection, ReportQuery query, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        long from = Math.Max(0, query.From.ToUnixTimeMilliseconds());
        long to = Math.Max(from, query.To.ToUnixTimeMilliseconds());
        long size = DayBuckets.SizeFor(zone, from, to);
        while (true)
        {
            if (TryCount(connection, query.Jurisdiction, from, to, size, zone, cancellationToken) is { } counted)
            {
                return counted;
            }

            size = DayBuckets.Smaller(size);
        }
    }

    /// <summary>The counts, or <see langword="null"/> when a bucket of this size straddles a local midnight.</summary>
    private static (IReadOnlyList<ReportRow>, IReadOnlyList<RightsRequestRow>)? TryCount(
        SqliteConnection connection, string? jurisdiction, long from, long to, long size, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var texts = new Utf8Interner();
        var days = new Dictionary<long, DateOnly>();
        var counts = new Dictionary<RowKey, Counts>();
        var rights = new Dictionary<DateOnly, RightsCounts>();
        (long Bucket, DateOnly Day) last = (-1, default);
        long read = 0;
        using (var rows = new RawRows(connection, Query + (jurisdiction is null ? "" : InJurisdiction), jurisdiction is null ? [from, to] : [from, to, jurisdiction]))
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

                ReadOnlySpan<byte> kind = rows.Bytes(6);
                if (!kind.SequenceEqual("consent"u8))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(rights, last.Day, out _).Add(kind);
                    continue;
                }

                var key = new RowKey(
                    last.Day, texts.Intern(rows.Bytes(1)), texts.Intern(rows.Bytes(2)), texts.Intern(rows.Bytes(3)),
                    rows.IsNull(4) ? -1 : texts.Intern(rows.Bytes(4)));
                CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _).Add(rows.Int32(5));
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
        List<RightsRequestRow> served = [.. rights.Where(pair => pair.Value.Any).OrderBy(pair => pair.Key).Select(pair => pair.Value.Row(pair.Key))];
        return (result, served);
    }

    private readonly record struct RowKey(DateOnly Day, int Purpose, int Channel, int Source, int Jurisdiction);

    private struct Counts
    {
        public long Grants;
        public long Denials;
        public long Withdrawals;

        /// <summary>A choice that is not a defined member (a damaged row) counts as the most restrictive, as the gate ranks it.</summary>
        public void Add(int choice)
        {
            switch (choice)
            {
                case 0:
                    Grants++;
                    break;
                case 1:
                    Denials++;
                    break;
                default:
                    Withdrawals++;
                    break;
            }
        }
    }

    private struct RightsCounts
    {
        public long Accesses;
        public long Exports;
        public long Erasures;
        public long Links;
        public long Unlinks;

        /// <summary>Counts one event of <paramref name="kind"/> as the store spells it; a kind this build does not know is not counted.</summary>
        public void Add(ReadOnlySpan<byte> kind)
        {
            if (kind.SequenceEqual("access"u8))
            {
                Accesses++;
            }
            else if (kind.SequenceEqual("export"u8))
            {
                Exports++;
            }
            else if (kind.SequenceEqual("erasure"u8))
            {
                Erasures++;
            }
            else if (kind.SequenceEqual("link"u8))
            {
                Links++;
            }
            else if (kind.SequenceEqual("unlink"u8))
            {
                Unlinks++;
            }
        }

        public readonly bool Any => Accesses + Exports + Erasures + Links + Unlinks > 0;

        public readonly RightsRequestRow Row(DateOnly day) => new(day, Accesses, Exports, Erasures, Links, Unlinks);
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
