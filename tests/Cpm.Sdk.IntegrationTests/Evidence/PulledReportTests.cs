using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>A report covers everything the store holds, events pulled from the endpoint included, so any instance can report for the fleet.</summary>
[Collection(HeavyTests.Name)]
public sealed class PulledReportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_instance_reports_the_events_it_pulled_from_other_instances()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        await using CpmClient a = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db"));
        await using CpmClient b = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db"));

        // A fixed hour two days back, whatever today is, so every capture falls on one UTC day.
        DateTimeOffset day = new(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-2).AddHours(12), TimeSpan.Zero);
        await a.RecordAsync(new ConsentCapture("own", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = day, Source = "web", Jurisdiction = "PIPL" });
        await b.RecordAsync(new ConsentCapture("pulled-1", "marketing", "sms", ConsentChoice.Granted) { OccurredAt = day.AddMinutes(1), Source = "web", Jurisdiction = "PIPL" });
        await b.RecordAsync(new ConsentCapture("pulled-2", "marketing", "sms", ConsentChoice.Withdrawn) { OccurredAt = day.AddMinutes(2), Source = "web", Jurisdiction = "PIPL" });
        await SyncHarness.EventuallyAsync(() => a.CanUse("pulled-1", "marketing", "sms"), Deadline, "A pulls B's grant");
        await SyncHarness.EventuallyAsync(
            () => a.GetHistoryAsync("pulled-2").GetAwaiter().GetResult().Count == 1, Deadline, "A pulls B's withdrawal");

        ConsentReport report = await a.GetReportAsync(new ReportQuery(day.AddHours(-1), day.AddHours(1)) { Jurisdiction = "PIPL" });

        report.Rows.Should().Equal(new ReportRow(DateOnly.FromDateTime(day.UtcDateTime), "marketing", "sms", "web", "PIPL", 2, 0, 1));
        report.Allowed.Single(s => s.Purpose == "marketing" && s.Channel == "sms").Should().Be(new AllowedShare("marketing", "sms", 3, 2));
    }
}
