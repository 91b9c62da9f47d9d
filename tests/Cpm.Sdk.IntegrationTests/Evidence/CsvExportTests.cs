using System.Text;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>A CSV export opened by CsvHelper (a parser that is not ours) gives back every field of every record.</summary>
public sealed class CsvExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Csv_export_round_trips_every_field_through_a_real_parser()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        ConsentRecord[] records =
        [
            await cpm.RecordAsync(new ConsentCapture("用户-张伟", "marketing", "sms", ConsentChoice.Granted)
            {
                PolicyVersion = 2,
                Source = "app",
                OccurredAt = Now.AddDays(-3).AddMilliseconds(123),
                ExpiresAt = Now.AddDays(27),
                Jurisdiction = "PIPL",
                Evidence = new Dictionary<string, string>
                {
                    ["ip"] = "10.0.0.1",
                    ["ua"] = "Mozilla/5.0 (X11, \"quoted\")",
                    ["note"] = "第一行\r\n第二行, 😀 \"引号\"",
                },
            }),
            await cpm.RecordAsync(new ConsentCapture("o'brien, \"jr\"", "marketing", "*", ConsentChoice.Withdrawn)
            {
                Source = "web",
                OccurredAt = Now.AddDays(-2),
                Jurisdiction = "GDPR",
            }),
            await cpm.RecordAsync(new ConsentCapture("😀🎉 emoji", "analytics", "email", ConsentChoice.Denied)
            {
                Source = "store",
                Jurisdiction = "CCPA",
                Evidence = new Dictionary<string, string> { ["form"] = "f-1", ["空"] = "" },
            }),
        ];

        var destination = new MemoryStream();
        ExportSummary summary = await cpm.ExportAsync(new ExportQuery(), destination, ExportFormat.Csv);
        byte[] bytes = destination.ToArray();

        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes).Should().StartWith("\uFEFFid,kind,userId,").And.Contain("\r\n");
        summary.Count.Should().Be(3);
        summary.Checkpoint.Should().BeEquivalentTo(await cpm.GetCheckpointAsync());

        (string[] header, List<Dictionary<string, string>> rows) = EvidenceFiles.ReadCsv(bytes);
        header.Should().Equal(EvidenceFiles.ExportColumns);
        rows.Select(r => r["id"]).Should().Equal(records.Select(r => r.Id.ToString()), "rows come oldest first in append order");
        for (int i = 0; i < records.Length; i++)
        {
            ConsentRecord record = records[i];
            Dictionary<string, string> row = rows[i];
            row["kind"].Should().Be("consent");
            row["userId"].Should().Be(record.UserId);
            row["purpose"].Should().Be(record.Purpose);
            row["channel"].Should().Be(record.Channel);
            row["choice"].Should().Be(record.Choice.ToString().ToLowerInvariant());
            row["policyVersion"].Should().Be(record.PolicyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            row["occurredAt"].Should().Be(EvidenceFiles.Timestamp(record.OccurredAt));
            row["source"].Should().Be(record.Source);
            row["jurisdiction"].Should().Be(record.Jurisdiction ?? "");
            row["expiresAt"].Should().Be(record.ExpiresAt is { } expires ? EvidenceFiles.Timestamp(expires) : "");
            row["origin"].Should().Be(cpm.InstanceId);
            row["recordedAt"].Should().Be(EvidenceFiles.Timestamp(record.RecordedAt));
            if (record.Evidence is null)
            {
                row["evidence"].Should().BeEmpty();
            }
            else
            {
                EvidenceFiles.StringMap(row["evidence"]).Should().Equal(record.Evidence);
            }
        }
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        string[] users = ["=HYPERLINK(\"http://127.0.0.1/x\",\"click\")", "+8613800000000", "-2+3", "@SUM(A1:A9)", "plain-user"];
        foreach (string user in users)
        {
            await cpm.RecordAsync(new ConsentCapture(user, "marketing", "email", ConsentChoice.Granted));
        }

        var destination = new MemoryStream();
        await cpm.ExportAsync(new ExportQuery(), destination, ExportFormat.Csv);

        string text = Encoding.UTF8.GetString(destination.ToArray());
        text.Should().Contain(",\"'=HYPERLINK(\"\"http://127.0.0.1/x\"\",\"\"click\"\")\",")
            .And.Contain(",\"'+8613800000000\",").And.Contain(",\"'-2+3\",").And.Contain(",\"'@SUM(A1:A9)\",")
            .And.Contain(",plain-user,");
        EvidenceFiles.ReadCsv(destination.ToArray()).Rows.Select(r => r["userId"]).Should()
            .Equal("'=HYPERLINK(\"http://127.0.0.1/x\",\"click\")", "'+8613800000000", "'-2+3", "'@SUM(A1:A9)", "plain-user");
    }
}
