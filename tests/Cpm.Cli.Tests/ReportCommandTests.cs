using System.Globalization;
using Cpm.Sdk.Testing.Shared;
using Cpm.Sdk.IntegrationTests.Evidence;

namespace Cpm.Cli.Tests;

/// <summary><c>cpm report</c>: the counts per local day as a table on screen or CSV, and the PIPL report.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task The_table_counts_each_day_and_shows_the_shares_allowed_now()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);

        CliResult result = await CliRun.InProcessAsync(
            "report", "--db", store.DatabasePath, "--from", "2026-11-02", "--to", "2026-11-06", "--catalog", Stores.WriteCatalog(store));

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        string[] lines = result.Out.Split(Environment.NewLine);
        lines[0].Should().StartWith("Consent report 2026-11-02 00:00 +00:00 to 2026-11-06 00:00 +00:00 (UTC)");
        lines.Should().Contain("total: 14 grants, 13 denials, 13 withdrawals");
        Cells(lines, "2026-11-02", "marketing", "email").Should().Equal("2026-11-02", "marketing", "email", "web", "GDPR", "2", "2", "1");
        Cells(lines, "2026-11-05", "marketing", "sms").Should().Equal("2026-11-05", "marketing", "sms", "web", "PIPL", "2", "1", "2");
        lines.Should().Contain("Allowed now");

        // Of the 10 people, on the last day person p chose (p + 3) % 3 = p % 3: granted for 0, 6 (sms) and 3, 9 (email).
        Cells(lines, "marketing", "sms").Should().Equal("marketing", "sms", "10", "2", "20.0%");
        Cells(lines, "marketing", "email").Should().Equal("marketing", "email", "10", "2", "20.0%");
    }

    [Fact]
    public async Task The_pipl_report_as_csv_counts_only_pipl_records()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        string file = Path.Combine(store.Directory, "pipl.csv");
        string shares = Path.Combine(store.Directory, "allowed.csv");

        CliResult result = await CliRun.InProcessAsync(
            "report", "--db", store.DatabasePath, "--from", "2026-11-02", "--to", "2026-11-06", "--jurisdiction", "PIPL",
            "--format", "csv", "--output", file, "--allowed-output", shares, "--catalog", Stores.WriteCatalog(store));

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        List<Dictionary<string, string>> rows = EvidenceFiles.ReadCsv(await File.ReadAllBytesAsync(file)).Rows;
        rows.Should().HaveCount(4, "one row a day: PIPL records are the even people's, all on sms from web");
        rows.Should().OnlyContain(r => r["jurisdiction"] == "PIPL" && r["channel"] == "sms");
        rows.Sum(r => Count(r["grants"]) + Count(r["denials"]) + Count(r["withdrawals"])).Should().Be(20);
        EvidenceFiles.ReadCsv(await File.ReadAllBytesAsync(shares)).Rows.Should().ContainSingle(r => r["purpose"] == "marketing" && r["channel"] == "sms");
    }

    [Fact]
    public async Task Without_a_catalog_a_store_that_never_synced_says_why_it_shows_no_shares()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);

        CliResult result = await CliRun.InProcessAsync("report", "--db", store.DatabasePath, "--from", "2026-11-02", "--to", "2026-11-06");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("total: 14 grants").And.Contain("(none: the store holds no catalog; pass --catalog)");
    }

    /// <summary>The cells of the table row whose first cells are <paramref name="first"/>.</summary>
    private static string[] Cells(string[] lines, params string[] first) =>
        lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(cells => cells.Take(first.Length).SequenceEqual(first));

    private static long Count(string cell) => long.Parse(cell, CultureInfo.InvariantCulture);
}
