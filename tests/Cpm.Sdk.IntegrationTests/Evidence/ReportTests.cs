using System.Globalization;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>Reports count per local calendar day in CpmOptions.TimeZone, filter by jurisdiction and give the allowed share now.</summary>
public sealed class ReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Captures_across_both_daylight_saving_changes_count_on_their_local_day()
    {
        using var temp = new TempStore();
        TimeZoneInfo berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now), o => o.TimeZone = berlin);

        // Spring forward on 2026-03-29 (a 23-hour day) and fall back on 2026-10-25 (a 25-hour day).
        (string Utc, ConsentChoice Choice, string Local)[] captures =
        [
            ("2026-03-28T22:30:00.000Z", ConsentChoice.Granted, "2026-03-28 23:30 +01"),
            ("2026-03-28T23:30:00.000Z", ConsentChoice.Granted, "2026-03-29 00:30 +01"),
            ("2026-03-29T21:30:00.000Z", ConsentChoice.Withdrawn, "2026-03-29 23:30 +02"),
            ("2026-03-29T22:15:00.000Z", ConsentChoice.Denied, "2026-03-30 00:15 +02"),
            ("2026-10-24T21:59:59.999Z", ConsentChoice.Granted, "2026-10-24 23:59:59.999 +02"),
            ("2026-10-24T22:30:00.000Z", ConsentChoice.Granted, "2026-10-25 00:30 +02"),
            ("2026-10-25T00:30:00.000Z", ConsentChoice.Denied, "2026-10-25 02:30 +02, the first of two"),
            ("2026-10-25T01:30:00.000Z", ConsentChoice.Denied, "2026-10-25 02:30 +01, the second of two"),
            ("2026-10-25T22:45:00.000Z", ConsentChoice.Withdrawn, "2026-10-25 23:45 +01"),
            ("2026-10-25T23:10:00.000Z", ConsentChoice.Granted, "2026-10-26 00:10 +01"),
        ];
        foreach ((string utc, ConsentChoice choice, _) in captures)
        {
            await cpm.RecordAsync(new ConsentCapture("用户-1", "marketing", "sms", choice) { OccurredAt = Instant(utc), Source = "web", Jurisdiction = "GDPR" });
        }

        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(Instant("2026-03-01T00:00:00.000Z"), Instant("2026-11-01T00:00:00.000Z")));

        report.TimeZoneId.Should().Be("Europe/Berlin");
        report.Rows.Select(r => (r.Day, r.Grants, r.Denials, r.Withdrawals)).Should().Equal(
            (Day("2026-03-28"), 1L, 0L, 0L),
            (Day("2026-03-29"), 1L, 0L, 1L),
            (Day("2026-03-30"), 0L, 1L, 0L),
            (Day("2026-10-24"), 1L, 0L, 0L),
            (Day("2026-10-25"), 1L, 2L, 1L),
            (Day("2026-10-26"), 1L, 0L, 0L));
        report.Rows.Should().OnlyContain(r => r.Purpose == "marketing" && r.Channel == "sms" && r.Source == "web" && r.Jurisdiction == "GDPR");
    }

    [Fact]
    public async Task A_zone_three_quarters_of_an_hour_off_UTC_splits_days_at_its_own_midnight()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now), o => o.TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu"));
        foreach (string utc in new[] { "2026-06-01T00:00:00.000Z", "2026-06-01T18:14:59.999Z", "2026-06-01T18:15:00.000Z" })
        {
            await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "email", ConsentChoice.Granted) { OccurredAt = Instant(utc), Source = "app" });
        }

        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(Instant("2026-05-01T00:00:00.000Z"), Instant("2026-07-01T00:00:00.000Z")));

        report.Rows.Should().Equal(
            new ReportRow(Day("2026-06-01"), "marketing", "email", "app", null, 2, 0, 0),
            new ReportRow(Day("2026-06-02"), "marketing", "email", "app", null, 1, 0, 0));
    }

    [Fact]
    public async Task Rows_split_by_purpose_channel_source_and_jurisdiction_within_the_period()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        DateTimeOffset day = Instant("2026-11-10T08:00:00.000Z");
        await Capture(cpm, "a", "marketing", "sms", ConsentChoice.Granted, day, "web", "PIPL");
        await Capture(cpm, "b", "marketing", "sms", ConsentChoice.Granted, day.AddHours(1), "web", "PIPL");
        await Capture(cpm, "c", "marketing", "sms", ConsentChoice.Denied, day.AddHours(2), "store", "PIPL");
        await Capture(cpm, "d", "marketing", "*", ConsentChoice.Withdrawn, day.AddHours(3), "web", null);
        await Capture(cpm, "e", "analytics", "email", ConsentChoice.Granted, day.AddHours(4), "web", "GDPR");
        await Capture(cpm, "f", "marketing", "sms", ConsentChoice.Granted, day.AddDays(-30), "web", "PIPL");
        await Capture(cpm, "g", "marketing", "sms", ConsentChoice.Granted, Instant("2026-11-11T00:00:00.000Z"), "web", "PIPL");

        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(Instant("2026-11-01T00:00:00.000Z"), Instant("2026-11-11T00:00:00.000Z")));

        DateOnly tenth = Day("2026-11-10");
        report.Rows.Should().Equal(
            new ReportRow(tenth, "analytics", "email", "web", "GDPR", 1, 0, 0),
            new ReportRow(tenth, "marketing", "*", "web", null, 0, 0, 1),
            new ReportRow(tenth, "marketing", "sms", "store", "PIPL", 0, 1, 0),
            new ReportRow(tenth, "marketing", "sms", "web", "PIPL", 2, 0, 0));
        report.TimeZoneId.Should().Be(TimeZoneInfo.Utc.Id, "UTC is the default zone");
        report.GeneratedAt.Should().Be(Now);
    }

    [Fact]
    public async Task The_allowed_share_asks_the_gate_for_every_known_person_now()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        DateTimeOffset t = Now.AddDays(-1);
        await Capture(cpm, "u1", "marketing", "sms", ConsentChoice.Granted, t, "web", null);
        await Capture(cpm, "u2", "marketing", "*", ConsentChoice.Granted, t, "web", null);
        await Capture(cpm, "u3", "marketing", "*", ConsentChoice.Withdrawn, t, "web", null);
        await Capture(cpm, "u3", "analytics", "email", ConsentChoice.Denied, t, "web", null);

        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(t.AddDays(-1), Now));

        report.Allowed.Should().HaveCount(5 * 4);
        report.Allowed.Select(a => $"{a.Purpose}/{a.Channel}").Should().Equal(
            from purpose in new[] { "analytics", "marketing", "order-status", "personalisation", "tax-records" }
            from channel in new[] { "app-push", "email", "sms", "wechat" }
            select $"{purpose}/{channel}");
        Share(report, "marketing", "sms").Should().Be(new AllowedShare("marketing", "sms", 3, 2));
        Share(report, "marketing", "email").Should().Be(new AllowedShare("marketing", "email", 3, 1));
        Share(report, "analytics", "email").Should().Be(new AllowedShare("analytics", "email", 3, 2));
        Share(report, "analytics", "sms").Should().Be(new AllowedShare("analytics", "sms", 3, 3));
        Share(report, "order-status", "wechat").Should().Be(new AllowedShare("order-status", "wechat", 3, 3));
        Share(report, "personalisation", "app-push").Should().Be(new AllowedShare("personalisation", "app-push", 3, 0));
        Share(report, "marketing", "sms").Share.Should().BeApproximately(2.0 / 3, 1e-12);
        foreach (AllowedShare share in report.Allowed)
        {
            share.Allowed.Should().Be(new[] { "u1", "u2", "u3" }.Count(u => cpm.CanUse(u, share.Purpose, share.Channel)));
        }
    }

    [Fact]
    public async Task The_PIPL_report_counts_PIPL_records_and_the_people_whose_jurisdiction_is_PIPL()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        DateTimeOffset day = Instant("2026-11-10T08:00:00.000Z");
        await Capture(cpm, "p1", "marketing", "sms", ConsentChoice.Granted, day, "web", "PIPL");
        await Capture(cpm, "p2", "marketing", "sms", ConsentChoice.Granted, day, "web", "GDPR");
        await Capture(cpm, "p3", "marketing", "sms", ConsentChoice.Granted, day, "web", "GDPR");
        await Capture(cpm, "p3", "marketing", "email", ConsentChoice.Denied, day.AddHours(1), "app", "PIPL");
        await Capture(cpm, "p3", "analytics", "email", ConsentChoice.Granted, day.AddHours(2), "app", null);

        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(day.AddDays(-1), day.AddDays(1)) { Jurisdiction = "PIPL" });

        report.Jurisdiction.Should().Be("PIPL");
        report.Rows.Should().Equal(
            new ReportRow(Day("2026-11-10"), "marketing", "email", "app", "PIPL", 0, 1, 0),
            new ReportRow(Day("2026-11-10"), "marketing", "sms", "web", "PIPL", 1, 0, 0));
        Share(report, "marketing", "sms").Should().Be(new AllowedShare("marketing", "sms", 2, 2), "p1 and p3 (whose latest jurisdiction is PIPL) count");
        Share(report, "marketing", "email").Should().Be(new AllowedShare("marketing", "email", 2, 0));
    }

    [Fact]
    public async Task Both_tables_export_as_csv_that_a_real_parser_reads()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        DateTimeOffset day = Instant("2026-11-10T08:00:00.000Z");
        await Capture(cpm, "a", "marketing", "sms", ConsentChoice.Granted, day, "web", "PIPL");
        await Capture(cpm, "b", "marketing", "*", ConsentChoice.Withdrawn, day.AddDays(1), "app", null);
        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(day.AddDays(-1), day.AddDays(2)));

        var rows = new MemoryStream();
        await report.WriteCsvAsync(rows);
        var allowed = new MemoryStream();
        await report.WriteAllowedCsvAsync(allowed);

        rows.ToArray().Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        (string[] header, List<Dictionary<string, string>> cells) = EvidenceFiles.ReadCsv(rows.ToArray());
        header.Should().Equal("day", "purpose", "channel", "source", "jurisdiction", "grants", "denials", "withdrawals");
        cells.Select(r => string.Join('|', header.Select(h => r[h]))).Should().Equal(
            "2026-11-10|marketing|sms|web|PIPL|1|0|0",
            "2026-11-11|marketing|*|app||0|0|1");
        (string[] allowedHeader, List<Dictionary<string, string>> shares) = EvidenceFiles.ReadCsv(allowed.ToArray());
        allowedHeader.Should().Equal("purpose", "channel", "people", "allowed", "share");
        shares.Should().HaveCount(20);
        shares.Single(s => s["purpose"] == "marketing" && s["channel"] == "sms")
            .Should().Equal(new Dictionary<string, string> { ["purpose"] = "marketing", ["channel"] = "sms", ["people"] = "2", ["allowed"] = "1", ["share"] = "0.5000" });
    }

    private static AllowedShare Share(ConsentReport report, string purpose, string channel) =>
        report.Allowed.Single(a => a.Purpose == purpose && a.Channel == channel);

    private static Task<ConsentRecord> Capture(
        CpmClient cpm, string user, string purpose, string channel, ConsentChoice choice, DateTimeOffset at, string source, string? jurisdiction) =>
        cpm.RecordAsync(new ConsentCapture(user, purpose, channel, choice) { OccurredAt = at, Source = source, Jurisdiction = jurisdiction }).AsTask();

    private static DateTimeOffset Instant(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
