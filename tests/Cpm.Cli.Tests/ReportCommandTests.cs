using System.Globalization;
using Cpm.Sdk.Testing.Shared;
using Cpm.Sdk.IntegrationTests.Evidence;

namespace Cpm.Cli.Tests;

/// <summary><c>cpm report</c>: the counts per local day as a table on screen or CSV, the rights requests served, and the PIPL report.</summary>
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

    [Fact]
    public async Task The_rights_requests_served_are_a_table_and_a_csv_and_no_link_counts_as_a_grant()
    {
        using var store = new TempStore();
        await KindsStore.WriteAsync(store);
        string rows = Path.Combine(store.Directory, "rows.csv");
        string rights = Path.Combine(store.Directory, "rights.csv");

        CliResult table = await CliRun.InProcessAsync(
            "report", "--db", store.DatabasePath, "--from", "2026-11-20", "--to", "2026-11-21", "--time-zone", "Asia/Shanghai");
        CliResult csv = await CliRun.InProcessAsync(
            "report", "--db", store.DatabasePath, "--from", "2026-11-20", "--to", "2026-11-21", "--format", "csv",
            "--output", rows, "--rights-output", rights);

        table.ExitCode.Should().Be(ExitCodes.Ok, table.Error);
        string[] lines = table.Out.Split(Environment.NewLine);
        lines.Should().Contain("total: 4 grants, 0 denials, 0 withdrawals", "three links, an unlink, two erasures and two requests are not choices");
        lines.Should().Contain("Rights requests served");
        Cells(lines, "day", "accesses").Should().Equal("day", "accesses", "exports", "erasures", "links", "unlinks");
        Cells(lines, "2026-11-20", "1").Should().Equal("2026-11-20", "1", "1", "2", "3", "1");

        csv.ExitCode.Should().Be(ExitCodes.Ok, csv.Error);
        EvidenceFiles.ReadCsv(await File.ReadAllBytesAsync(rows)).Rows.Should().HaveCount(4).And.OnlyContain(r => r["purpose"] == "marketing");
        EvidenceFiles.ReadCsv(await File.ReadAllBytesAsync(rights)).Rows.Should().ContainSingle().Which.Should().Equal(new Dictionary<string, string>
        {
            ["day"] = "2026-11-20", ["accesses"] = "1", ["exports"] = "1", ["erasures"] = "2", ["links"] = "3", ["unlinks"] = "1",
        });
    }

    /// <summary>The cells of the table row whose first cells are <paramref name="first"/>.</summary>
    private static string[] Cells(string[] lines, params string[] first) =>
        lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(cells => cells.Take(first.Length).SequenceEqual(first));

    private static long Count(string cell) => long.Parse(cell, CultureInfo.InvariantCulture);
}
