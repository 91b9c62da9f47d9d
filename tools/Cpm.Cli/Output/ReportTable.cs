using System.Globalization;
using Cpm.Sdk;

namespace Cpm.Cli.Output;

/// <summary>A report as aligned text tables: the period, the day rows, then the shares allowed now.</summary>
internal static class ReportTable
{
    public static async Task WriteAsync(ConsentReport report, TextWriter output, bool noCatalog)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c,
            $"Consent report {report.From:yyyy-MM-dd HH:mm zzz} to {report.To:yyyy-MM-dd HH:mm zzz} ({report.TimeZoneId})" +
            $"{(report.Jurisdiction is null ? "" : ", jurisdiction " + report.Jurisdiction)}, generated {report.GeneratedAt:u}")).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await WriteTableAsync(output,
            ["day", "purpose", "channel", "source", "jurisdiction", "grants", "denials", "withdrawals"],
            [.. report.Rows.Select(r => new[]
            {
                r.Day.ToString("yyyy-MM-dd", c), r.Purpose, r.Channel, r.Source, r.Jurisdiction ?? "-",
                r.Grants.ToString("N0", c), r.Denials.ToString("N0", c), r.Withdrawals.ToString("N0", c),
            })],
            numericFrom: 5,
            empty: "(none)").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c,
            $"total: {report.Rows.Sum(r => r.Grants):N0} grants, {report.Rows.Sum(r => r.Denials):N0} denials, " +
            $"{report.Rows.Sum(r => r.Withdrawals):N0} withdrawals")).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Allowed now").ConfigureAwait(false);
        await WriteTableAsync(output,
            ["purpose", "channel", "people", "allowed", "share"],
            [.. report.Allowed.Select(a => new[]
            {
                a.Purpose, a.Channel, a.People.ToString("N0", c), a.Allowed.ToString("N0", c), (a.Share * 100).ToString("0.0", c) + "%",
            })],
            numericFrom: 2,
            empty: noCatalog ? "(none: the store holds no catalog; pass --catalog)" : "(none)").ConfigureAwait(false);
    }

    private static async Task WriteTableAsync(TextWriter output, string[] header, IReadOnlyList<string[]> rows, int numericFrom, string empty)
    {
        int[] widths = [.. header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, i) =>
            i >= numericFrom ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
        await output.WriteLineAsync(Line(header)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Join("  ", widths.Select(w => new string('-', w)))).ConfigureAwait(false);
        foreach (string[] row in rows)
        {
            await output.WriteLineAsync(Line(row)).ConfigureAwait(false);
        }

        if (rows.Count == 0)
        {
            await output.WriteLineAsync(empty).ConfigureAwait(false);
        }
    }
}
