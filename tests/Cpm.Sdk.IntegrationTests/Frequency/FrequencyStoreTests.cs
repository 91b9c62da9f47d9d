using System.Text;
using System.Text.Json;
using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.IntegrationTests.Evidence;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Frequency;

/// <summary>
/// A grant's frequency through a real store: in history, across a reopen, cleared by a later withdrawal, shown by
/// receipts, access data and exports, in the audit log's leaves; a store from before frequencies still verifies; a
/// capture with a bad frequency is refused naming it and changes nothing.
/// </summary>
public sealed class FrequencyStoreTests
{
    private static readonly FrequencyCap ThreeAWeek = new(3, FrequencyPeriod.Week);

    [Fact]
    public async Task A_grants_frequency_is_in_history_survives_a_reopen_and_a_later_withdrawal_carries_none()
    {
        using var store = new TempStore();
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-3);
        ConsentRecord granted;
        await using (CpmClient cpm = await store.OpenAsync())
        {
            granted = await cpm.RecordAsync(new ConsentCapture("ana", "marketing", "sms", ConsentChoice.Granted) { Frequency = ThreeAWeek, OccurredAt = start });
            granted.Frequency.Should().Be(ThreeAWeek);
            await cpm.RecordAsync(new ConsentCapture("ana", "marketing", "email", ConsentChoice.Granted) { OccurredAt = start });
            (await cpm.GetHistoryAsync("ana")).Select(r => r.Frequency).Should().Equal(ThreeAWeek, null);
        }

        await using (CpmClient reopened = await store.OpenAsync())
        {
            (await reopened.GetHistoryAsync("ana")).Select(r => r.Frequency).Should().Equal(ThreeAWeek, null);
            reopened.Evaluate("ana", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, granted.Id));
            ConsentRecord withdrawn = await reopened.RecordAsync(new ConsentCapture("ana", "marketing", "sms", ConsentChoice.Withdrawn) { OccurredAt = start.AddDays(1) });
            withdrawn.Frequency.Should().BeNull();
            (await reopened.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        Storage.IndexLoader.Load(store.DatabasePath, new Gate.SymbolTable()).Get("ana")!
            .Select(e => e.Frequency).Should().AllSatisfy(f => f.Should().BeNull(), "the withdrawal decides sms and email never had a cap");
        await using CpmClient again = await store.OpenAsync();
        (await again.GetHistoryAsync("ana")).Select(r => r.Frequency).Should().Equal(ThreeAWeek, null, null);
        (await again.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Receipts_access_data_and_exports_show_the_frequency_and_leave_it_out_when_there_is_none()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();
        ConsentRecord capped = await cpm.RecordAsync(new ConsentCapture("bo", "marketing", "sms", ConsentChoice.Granted) { Frequency = new FrequencyCap(2, FrequencyPeriod.Month) });
        ConsentRecord plain = await cpm.RecordAsync(new ConsentCapture("bo", "marketing", "email", ConsentChoice.Granted));

        ConsentReceipt receipt = await cpm.GetReceiptAsync(capped.Id);
        receipt.Frequency.Should().Be(new FrequencyCap(2, FrequencyPeriod.Month));
        using (JsonDocument json = JsonDocument.Parse(receipt.ToJson()))
        {
            json.RootElement.GetProperty("frequency").GetRawText().Should().Be("{\"max_sends\":2,\"period\":\"month\"}");
        }

        (await cpm.GetReceiptAsync(plain.Id)).Frequency.Should().BeNull();
        using (JsonDocument json = JsonDocument.Parse((await cpm.GetReceiptAsync(plain.Id)).ToJson()))
        {
            json.RootElement.GetProperty("frequency").ValueKind.Should().Be(JsonValueKind.Null);
        }

        SubjectData access = await cpm.AccessAsync("bo");
        access.Records.Select(r => r.Frequency).Should().Equal(new FrequencyCap(2, FrequencyPeriod.Month), null);
        var subject = new MemoryStream();
        await cpm.ExportSubjectAsync("bo", subject);
        using (JsonDocument portable = JsonDocument.Parse(subject.ToArray()))
        {
            JsonElement[] held = [.. portable.RootElement.GetProperty("records").EnumerateArray()];
            held[0].GetProperty("frequency").GetProperty("maxSends").GetInt32().Should().Be(2);
            held[0].GetProperty("frequency").GetProperty("period").GetString().Should().Be("month");
            held[0].GetProperty("frequency").EnumerateObject().Should().HaveCount(2);
            held[1].TryGetProperty("frequency", out _).Should().BeFalse("only the capped grant carries one");
        }

        var lines = new MemoryStream();
        await cpm.ExportAsync(new ExportQuery { UserId = "bo" }, lines, ExportFormat.JsonLines);
        List<JsonElement> records = EvidenceFiles.ReadJsonLines(lines.ToArray())[..^1];
        records[0].GetProperty("frequency").GetRawText().Should().Be("{\"maxSends\":2,\"period\":\"month\"}");
        records[1].TryGetProperty("frequency", out _).Should().BeFalse("absent when none, as on the wire");

        var csv = new MemoryStream();
        await cpm.ExportAsync(new ExportQuery { UserId = "bo" }, csv, ExportFormat.Csv);
        (string[] header, List<Dictionary<string, string>> rows) = EvidenceFiles.ReadCsv(csv.ToArray());
        header.Should().Equal(EvidenceFiles.ExportColumns);
        (rows[0]["frequencyMaxSends"], rows[0]["frequencyPeriod"]).Should().Be(("2", "month"));
        (rows[1]["frequencyMaxSends"], rows[1]["frequencyPeriod"]).Should().Be(("", ""));
    }

    [Fact]
    public async Task A_store_written_before_frequencies_migrates_and_verifies_and_its_new_capped_grants_verify_too()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            await cpm.RecordAsync(new ConsentCapture("cy", "marketing", "sms", ConsentChoice.Granted) { Separate = true });
            await cpm.RecordAsync(new ConsentCapture("cy", "marketing", "email", ConsentChoice.Denied));
        }

        var file = new AuditStoreFile(store.DatabasePath);
        file.Sql(AuditStoreFile.UndoVersion6 + "PRAGMA user_version = 5;");

        await using CpmClient migrated = await store.OpenAsync();
        file.Scalar("PRAGMA user_version").Should().Be(Storage.Schema.LatestVersion);
        (await migrated.VerifyAuditAsync()).IsIntact.Should().BeTrue("the leaves of events from before frequencies do not change");
        (await migrated.GetHistoryAsync("cy")).Select(r => r.Frequency).Should().Equal(new FrequencyCap?[] { null, null });
        migrated.CanUse("cy", "marketing", "sms").Should().BeTrue();

        await migrated.RecordAsync(new ConsentCapture("cy", "marketing", "wechat", ConsentChoice.Granted) { Frequency = new FrequencyCap(1, FrequencyPeriod.Day) });
        AuditVerification verification = await migrated.VerifyAuditAsync();
        verification.IsIntact.Should().BeTrue(verification.Problem);
        verification.Checked.Should().Be(3);
    }

    public static TheoryData<string> BadCaptures => new(BadCaptureCases.Keys);

    private static readonly Dictionary<string, Func<ConsentCapture>> BadCaptureCases = new()
    {
        ["0 sends"] = () => Grant(new FrequencyCap(0, FrequencyPeriod.Week)),
        ["-1 sends"] = () => Grant(new FrequencyCap(-1, FrequencyPeriod.Day)),
        ["10,001 sends"] = () => Grant(new FrequencyCap(10_001, FrequencyPeriod.Month)),
        ["int.MinValue sends"] = () => Grant(new FrequencyCap(int.MinValue, FrequencyPeriod.Month)),
        ["an undefined period"] = () => Grant(new FrequencyCap(3, (FrequencyPeriod)7)),
        ["on a denial"] = () => new ConsentCapture("dee", "marketing", "sms", ConsentChoice.Denied) { Frequency = ThreeAWeek },
        ["on a withdrawal"] = () => new ConsentCapture("dee", "marketing", "sms", ConsentChoice.Withdrawn) { Frequency = ThreeAWeek },
    };

    [Theory]
    [MemberData(nameof(BadCaptures))]
    public async Task A_capture_with_a_bad_frequency_is_refused_naming_it_and_changes_nothing(string name)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();
        await cpm.RecordAsync(new ConsentCapture("dee", "marketing", "email", ConsentChoice.Granted));
        long events = EventCount(store);

        ArgumentException refused = (await FluentActions.Awaiting(() => cpm.RecordAsync(BadCaptureCases[name]()).AsTask())
            .Should().ThrowAsync<ArgumentException>()).Which;

        refused.ParamName.Should().Be("capture.Frequency");
        (await cpm.GetHistoryAsync("dee")).Should().ContainSingle().Which.Channel.Should().Be("email");
        cpm.Evaluate("dee", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        EventCount(store).Should().Be(events);
        (await cpm.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }

    private static ConsentCapture Grant(FrequencyCap frequency) => new("dee", "marketing", "sms", ConsentChoice.Granted) { Frequency = frequency };

    private static long EventCount(TempStore store) => new AuditStoreFile(store.DatabasePath).Scalar("SELECT count(*) FROM events");
}
