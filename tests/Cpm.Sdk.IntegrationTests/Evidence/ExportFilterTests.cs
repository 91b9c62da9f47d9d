using System.Text.Json;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>Export filters: user, [From, To) on occurredAt, purpose and jurisdiction, alone or together, in append order.</summary>
public sealed class ExportFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Filters_select_the_matching_records_in_append_order()
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync(new FakeTimeProvider(Now));
        DateTimeOffset t0 = Now.AddDays(-10);

        // Appended late-first: the export follows the store's append order, not occurredAt.
        ConsentRecord late = await Capture(cpm, "alice", "marketing", t0.AddDays(5), "PIPL");
        ConsentRecord early = await Capture(cpm, "alice", "analytics", t0, "PIPL");
        ConsentRecord bob = await Capture(cpm, "bob", "marketing", t0.AddDays(1), "GDPR");
        ConsentRecord atTo = await Capture(cpm, "bob", "marketing", t0.AddDays(6), null);
        ConsentRecord carol = await Capture(cpm, "用户-carol", "marketing", t0.AddDays(2), "PIPL");

        (await Ids(cpm, new ExportQuery())).Should().Equal(late.Id, early.Id, bob.Id, atTo.Id, carol.Id);
        (await Ids(cpm, new ExportQuery { UserId = "alice" })).Should().Equal(late.Id, early.Id);
        (await Ids(cpm, new ExportQuery { UserId = "用户-carol" })).Should().Equal(carol.Id);
        (await Ids(cpm, new ExportQuery { UserId = "nobody" })).Should().BeEmpty();
        (await Ids(cpm, new ExportQuery { From = t0.AddDays(1), To = t0.AddDays(6) })).Should().Equal(late.Id, bob.Id, carol.Id);
        (await Ids(cpm, new ExportQuery { From = t0.AddDays(5) })).Should().Equal(late.Id, atTo.Id);
        (await Ids(cpm, new ExportQuery { To = t0.AddDays(1) })).Should().Equal(early.Id);
        (await Ids(cpm, new ExportQuery { From = t0, To = t0 })).Should().BeEmpty("[From, To) is empty when they are equal");
        (await Ids(cpm, new ExportQuery { Purpose = "marketing" })).Should().Equal(late.Id, bob.Id, atTo.Id, carol.Id);
        (await Ids(cpm, new ExportQuery { Jurisdiction = "PIPL" })).Should().Equal(late.Id, early.Id, carol.Id);
        (await Ids(cpm, new ExportQuery { Jurisdiction = "PIPL", Purpose = "marketing", From = t0.AddDays(2) })).Should().Equal(late.Id, carol.Id);
    }

    [Fact]
    public async Task The_text_form_of_a_query_leaves_out_the_user_id()
    {
        var query = new ExportQuery { UserId = "用户-张伟", Purpose = "marketing" };

        query.ToString().Should().NotContain("张伟").And.Contain("UserId = (set)").And.Contain("marketing");
        (query with { UserId = null }).ToString().Should().Contain("UserId = null");
    }

    private static Task<ConsentRecord> Capture(CpmClient cpm, string user, string purpose, DateTimeOffset occurredAt, string? jurisdiction) =>
        cpm.RecordAsync(new ConsentCapture(user, purpose, "sms", ConsentChoice.Granted) { OccurredAt = occurredAt, Jurisdiction = jurisdiction }).AsTask();

    private static async Task<List<Guid>> Ids(CpmClient cpm, ExportQuery query)
    {
        var destination = new MemoryStream();
        ExportSummary summary = await cpm.ExportAsync(query, destination, ExportFormat.JsonLines);
        List<JsonElement> lines = EvidenceFiles.ReadJsonLines(destination.ToArray());
        lines[^1].GetProperty("count").GetInt64().Should().Be(summary.Count).And.Be(lines.Count - 1);
        return [.. lines[..^1].Select(line => Guid.Parse(line.GetProperty("id").GetString()!))];
    }
}
