using System.Globalization;
using Cpm.Sdk;
using Cpm.Sdk.Testing.Shared;
using Cpm.Sdk.IntegrationTests.Evidence;

namespace Cpm.Cli.Tests;

/// <summary><c>cpm export</c>: the records, filtered as asked, to a file or standard output, that a real CSV parser reads back.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public async Task A_csv_export_to_a_file_round_trips_every_record_through_a_csv_parser()
    {
        using var store = new TempStore();
        List<ConsentRecord> records = await Stores.PopulateAsync(store);
        string file = Path.Combine(store.Directory, "export.csv");

        CliResult result = await CliRun.InProcessAsync("export", "--db", store.DatabasePath, "--format", "csv", "--output", file);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Error.Should().Contain("exported 40 records to " + file);
        File.Exists(file + ".partial").Should().BeFalse();
        List<Dictionary<string, string>> rows = EvidenceFiles.ReadCsv(await File.ReadAllBytesAsync(file)).Rows;
        rows.Select(r => Guid.Parse(r["id"])).Should().Equal(records.Select(r => r.Id), "oldest first, every record");
        rows[3]["evidence"].Should().Contain("同意接收营销短信 ✅");
        rows[0]["jurisdiction"].Should().Be("PIPL");
    }

    [Fact]
    public async Task Filters_by_user_and_period_read_dates_in_the_time_zone_given()
    {
        using var store = new TempStore();
        List<ConsentRecord> records = await Stores.PopulateAsync(store);

        // 2026-11-03 00:00 to 2026-11-04 00:00 in Shanghai is 2026-11-02 16:00Z to 2026-11-03 16:00Z.
        CliResult result = await CliRun.InProcessAsync(
            "export", "--db", store.DatabasePath, "--format", "csv", "--user", "user-2",
            "--from", "2026-11-03", "--to", "2026-11-04", "--time-zone", "Asia/Shanghai");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        DateTimeOffset from = new(2026, 11, 2, 16, 0, 0, TimeSpan.Zero);
        IEnumerable<Guid> expected = records
            .Where(r => r.UserId == "user-2" && r.OccurredAt >= from && r.OccurredAt < from.AddDays(1))
            .Select(r => r.Id);
        EvidenceFiles.ReadCsv(result.Stdout).Rows.Select(r => Guid.Parse(r["id"])).Should().Equal(expected).And.HaveCount(1);
    }

    [Fact]
    public async Task A_json_lines_export_goes_to_standard_output_with_its_trailer()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);

        CliResult result = await CliRun.InProcessAsync("export", "--db", store.DatabasePath);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        string[] lines = result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(41);
        lines[^1].Should().StartWith("{\"trailer\":true,\"count\":40,\"complete\":true,");
        result.Error.Should().Contain("100%");
    }
}
