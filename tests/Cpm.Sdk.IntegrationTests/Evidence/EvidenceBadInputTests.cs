using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// Bad input to every evidence API gets a clear exception naming the parameter (or the query's field), writes nothing
/// to the destination and leaves the store as it was.
/// </summary>
public sealed class EvidenceBadInputTests
{
    public static TheoryData<string, Func<CpmClient, Stream, Task>, string> BadCalls => new()
    {
        { "null export query", (c, s) => c.ExportAsync(null!, s, ExportFormat.Csv), "query" },
        { "null destination", (c, _) => c.ExportAsync(new ExportQuery(), null!, ExportFormat.Csv), "destination" },
        { "read-only destination", (c, _) => c.ExportAsync(new ExportQuery(), new MemoryStream([], writable: false), ExportFormat.JsonLines), "destination" },
        { "closed destination", (c, _) => c.ExportAsync(new ExportQuery(), Closed(), ExportFormat.JsonLines), "destination" },
        { "undefined format", (c, s) => c.ExportAsync(new ExportQuery(), s, (ExportFormat)7), "format" },
        { "From after To", (c, s) => c.ExportAsync(new ExportQuery { From = At(2), To = At(1) }, s, ExportFormat.Csv), "query.From" },
        { "blank user", (c, s) => c.ExportAsync(new ExportQuery { UserId = "  " }, s, ExportFormat.Csv), "query.UserId" },
        { "user with a control character", (c, s) => c.ExportAsync(new ExportQuery { UserId = "u\n1" }, s, ExportFormat.Csv), "query.UserId" },
        { "user too long", (c, s) => c.ExportAsync(new ExportQuery { UserId = new string('x', 257) }, s, ExportFormat.Csv), "query.UserId" },
        { "bad purpose", (c, s) => c.ExportAsync(new ExportQuery { Purpose = "Marketing!" }, s, ExportFormat.Csv), "query.Purpose" },
        { "bad jurisdiction", (c, s) => c.ExportAsync(new ExportQuery { Jurisdiction = new string('J', 33) }, s, ExportFormat.Csv), "query.Jurisdiction" },
        { "empty record id", (c, _) => c.GetReceiptAsync(Guid.Empty), "recordId" },
        { "null report query", (c, _) => c.GetReportAsync(null!), "query" },
        { "report From after To", (c, _) => c.GetReportAsync(new ReportQuery(At(2), At(1))), "query.From" },
        { "report jurisdiction", (c, _) => c.GetReportAsync(new ReportQuery(At(1), At(2)) { Jurisdiction = "\t" }), "query.Jurisdiction" },
        { "report CSV to null", async (c, _) => await (await Report(c)).WriteCsvAsync(null!), "destination" },
        { "report CSV to a read-only stream", async (c, _) => await (await Report(c)).WriteCsvAsync(new MemoryStream([], writable: false)), "destination" },
        { "allowed CSV to a closed stream", async (c, _) => await (await Report(c)).WriteAllowedCsvAsync(Closed()), "destination" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task Bad_input_is_refused_naming_it_and_changes_nothing(string name, Func<CpmClient, Stream, Task> call, string parameter)
    {
        using var temp = new TempStore();
        await using CpmClient cpm = await temp.OpenAsync();
        ConsentRecord record = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        AuditCheckpoint before = await cpm.GetCheckpointAsync();
        var destination = new MemoryStream();

        (await FluentActions.Awaiting(() => call(cpm, destination)).Should().ThrowAsync<ArgumentException>(name))
            .Which.ParamName.Should().Be(parameter, name);

        destination.Length.Should().Be(0, name);
        (await cpm.GetCheckpointAsync()).Should().BeEquivalentTo(before, name);
        (await cpm.GetHistoryAsync("u1")).Should().Equal([record], name);
    }

    [Fact]
    public async Task A_closed_client_refuses_every_evidence_call()
    {
        using var temp = new TempStore();
        CpmClient cpm = await temp.OpenAsync();
        await cpm.DisposeAsync();

        await FluentActions.Awaiting(() => cpm.ExportAsync(new ExportQuery(), new MemoryStream(), ExportFormat.Csv)).Should().ThrowAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(() => cpm.GetReceiptAsync(Guid.CreateVersion7())).Should().ThrowAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(() => cpm.GetReportAsync(new ReportQuery(At(1), At(2)))).Should().ThrowAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(() => cpm.GetCheckpointAsync()).Should().ThrowAsync<ObjectDisposedException>();
        await FluentActions.Awaiting(() => cpm.VerifyAuditAsync()).Should().ThrowAsync<ObjectDisposedException>();
    }

    private static DateTimeOffset At(int day) => new(2026, 11, day, 0, 0, 0, TimeSpan.Zero);

    private static MemoryStream Closed()
    {
        var stream = new MemoryStream();
        stream.Dispose();
        return stream;
    }

    private static Task<ConsentReport> Report(CpmClient cpm) => cpm.GetReportAsync(new ReportQuery(At(1), At(2)));
}
