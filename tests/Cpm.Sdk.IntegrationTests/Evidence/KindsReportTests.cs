using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// Reports over a store holding every kind of event: choices count consent events only, the rights requests served
/// are counted per day, and nobody erased counts as allowed.
/// </summary>
public sealed class KindsReportTests
{
    private static readonly DateOnly Day = DateOnly.FromDateTime(KindsStore.T0.UtcDateTime);

    [Fact]
    public async Task Choices_count_consent_events_only_and_the_rights_requests_served_are_counted_per_day()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        await using CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(temp));
        var query = new ReportQuery(KindsStore.T0.AddDays(-1), KindsStore.T0.AddDays(1));

        ConsentReport report = await cpm.GetReportAsync(query);

        report.Rows.Should().Equal(
            [
                new ReportRow(Day, "marketing", "email", "api", null, 1, 0, 0),
                new ReportRow(Day, "marketing", "email", "api", "GDPR", 1, 0, 0),
                new ReportRow(Day, "marketing", "sms", "api", null, 1, 0, 0),
                new ReportRow(Day, "marketing", "sms", "api", "PIPL", 1, 0, 0),
            ],
            "links, unlinks, erasures and requests are not choices; a scrubbed choice still happened");
        report.RightsRequests.Should().Equal(new RightsRequestRow(Day, Accesses: 1, Exports: 1, Erasures: 2, Links: 3, Unlinks: 1));

        ConsentReport pipl = await cpm.GetReportAsync(query with { Jurisdiction = "PIPL" });
        pipl.Rows.Should().ContainSingle().Which.Jurisdiction.Should().Be("PIPL");
        pipl.RightsRequests.Should().Equal(report.RightsRequests, "rights requests carry no jurisdiction: they are counted store-wide");

        (await cpm.GetReportAsync(new ReportQuery(KindsStore.T0.AddDays(1), KindsStore.T0.AddDays(2)))).RightsRequests
            .Should().BeEmpty("only days in the period appear");

        var csv = new MemoryStream();
        await report.WriteRightsCsvAsync(csv);
        (string[] header, List<Dictionary<string, string>> rows) = EvidenceFiles.ReadCsv(csv.ToArray());
        header.Should().Equal("day", "accesses", "exports", "erasures", "links", "unlinks");
        rows.Select(r => string.Join('|', header.Select(h => r[h]))).Should().Equal("2026-11-20|1|1|2|3|1");
    }

    [Fact]
    public async Task Nobody_erased_counts_as_allowed_by_the_client_or_by_a_reader()
    {
        using var temp = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(temp);
        var query = new ReportQuery(KindsStore.T0.AddDays(-1), KindsStore.T0.AddDays(1));
        ConsentReport fromClient;
        await using (CpmClient cpm = await CpmClient.OpenAsync(kinds.Options(temp)))
        {
            fromClient = await cpm.GetReportAsync(query);
        }

        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(temp.DatabasePath, kinds.Options(temp));
        ConsentReport fromReader = await reader.GetReportAsync(query);

        foreach (ConsentReport report in new[] { fromClient, fromReader })
        {
            // Alice is gone; Carol came back with an email grant only, so the rest of her stays erased; Bob is untouched.
            Share(report, "analytics", "sms").Should().Be(new AllowedShare("analytics", "sms", 2, 1), "legitimate interest: Bob only, Carol is erased");
            Share(report, "offers", "wechat").Should().Be(new AllowedShare("offers", "wechat", 2, 1), "opt-out: Bob only");
            Share(report, "marketing", "email").Should().Be(new AllowedShare("marketing", "email", 2, 2), "both granted email, Carol after her erasure");
            Share(report, "marketing", "sms").Should().Be(new AllowedShare("marketing", "sms", 2, 0), "Carol's sms grant was erased");
            Share(report, "order-status", "sms").Should().Be(new AllowedShare("order-status", "sms", 2, 2), "a contract still allows");
        }
    }

    [Fact]
    public async Task An_erasure_takes_the_person_out_of_the_allowed_shares()
    {
        using var temp = new TempStore();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(KindsStore.T0);
        await using CpmClient cpm = await CpmClient.OpenAsync(temp.Options(clock, KindsStore.Configure));
        await cpm.RecordAsync(new ConsentCapture("kept", "analytics", "email", ConsentChoice.Granted) { OccurredAt = KindsStore.T0.AddHours(-1) });
        await cpm.RecordAsync(new ConsentCapture("leaving", "analytics", "email", ConsentChoice.Granted) { OccurredAt = KindsStore.T0.AddHours(-1) });
        var query = new ReportQuery(KindsStore.T0.AddDays(-1), KindsStore.T0.AddDays(1));
        Share(await cpm.GetReportAsync(query), "analytics", "sms").Should().Be(new AllowedShare("analytics", "sms", 2, 2));

        clock.Advance(TimeSpan.FromMinutes(1));
        await cpm.EraseAsync("leaving");

        Share(await cpm.GetReportAsync(query), "analytics", "sms").Should().Be(new AllowedShare("analytics", "sms", 1, 1));
        cpm.CanUse("leaving", "analytics", "sms").Should().BeFalse();
    }

    private static AllowedShare Share(ConsentReport report, string purpose, string channel) =>
        report.Allowed.Single(a => a.Purpose == purpose && a.Channel == channel);
}
