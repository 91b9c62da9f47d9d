using System.Globalization;
using Cpm.Sdk;

namespace Cpm.Cli.Output;

/// <summary>A report as aligned text tables: the period, the day rows, the rights requests served, then the shares allowed now.</summary>
internal static class ReportTable
{
    public static async Task WriteAsync(ConsentReport report, TextWriter output, bool noCatalog)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c,
            $"Consent report {report.From:yyyy-MM-dd HH:mm zzz} to {report.To:yyyy-MM-dd HH:mm zzz} ({report.TimeZoneId})" +
            $"{(report.Jurisdiction is null ? "" : ", jurisdiction " + report.Jurisdiction)}, generated {report.GeneratedAt:u}")).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await TextTable.WriteAsync(output,
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
        await output.WriteLineAsync(report.Jurisdiction is null
            ? "Rights requests served"
            : "Rights requests served (in every jurisdiction: requests and erasures carry none)").ConfigureAwait(false);
        await TextTable.WriteAsync(output,
            ["day", "accesses", "exports", "erasures", "links", "unlinks"],
            [.. report.RightsRequests.Select(r => new[]
            {
                r.Day.ToString("yyyy-MM-dd", c), r.Accesses.ToString("N0", c), r.Exports.ToString("N0", c),
                r.Erasures.ToString("N0", c), r.Links.ToString("N0", c), r.Unlinks.ToString("N0", c),
            })],
            numericFrom: 1,
            empty: "(none)").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Allowed now").ConfigureAwait(false);
        await TextTable.WriteAsync(output,
            ["purpose", "channel", "people", "allowed", "share"],
            [.. report.Allowed.Select(a => new[]
            {
                a.Purpose, a.Channel, a.People.ToString("N0", c), a.Allowed.ToString("N0", c), (a.Share * 100).ToString("0.0", c) + "%",
            })],
            numericFrom: 2,
            empty: noCatalog ? "(none: the store holds no catalog; pass --catalog)" : "(none)").ConfigureAwait(false);
    }
}
