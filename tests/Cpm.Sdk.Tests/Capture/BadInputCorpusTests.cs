using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Tests.Capture;

/// <summary>
/// Core rule 7 as a corpus: each bad capture throws the right exception naming the field,
/// and leaves the history, the gate and the outbox exactly as they were.
/// </summary>
public sealed class BadInputCorpusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsentCapture Valid = new("victim", "marketing", "sms", ConsentChoice.Withdrawn);

    public static TheoryData<string, ConsentCapture?, Type, string> Corpus => new()
    {
        { "null capture", null, typeof(ArgumentNullException), "capture" },
        { "null user", Valid with { UserId = null! }, typeof(ArgumentNullException), "capture.UserId" },
        { "empty user", Valid with { UserId = "" }, typeof(ArgumentException), "capture.UserId" },
        { "whitespace user", Valid with { UserId = " \t " }, typeof(ArgumentException), "capture.UserId" },
        { "user of 257 chars", Valid with { UserId = new string('a', 257) }, typeof(ArgumentException), "capture.UserId" },
        { "user with NUL", Valid with { UserId = "vic\0tim" }, typeof(ArgumentException), "capture.UserId" },
        { "user with newline", Valid with { UserId = "victim\n" }, typeof(ArgumentException), "capture.UserId" },
        { "user with DEL", Valid with { UserId = "victim\u007f" }, typeof(ArgumentException), "capture.UserId" },
        { "user with C1 control", Valid with { UserId = "victim\u0085" }, typeof(ArgumentException), "capture.UserId" },
        { "user with lone surrogate", Valid with { UserId = "victim\ud800" }, typeof(ArgumentException), "capture.UserId" },
        { "null purpose", Valid with { Purpose = null! }, typeof(ArgumentNullException), "capture.Purpose" },
        { "empty purpose", Valid with { Purpose = "" }, typeof(ArgumentException), "capture.Purpose" },
        { "upper-case purpose", Valid with { Purpose = "Marketing" }, typeof(ArgumentException), "capture.Purpose" },
        { "purpose starting with dash", Valid with { Purpose = "-marketing" }, typeof(ArgumentException), "capture.Purpose" },
        { "purpose of 65 chars", Valid with { Purpose = new string('m', 65) }, typeof(ArgumentException), "capture.Purpose" },
        { "purpose with space", Valid with { Purpose = "mark eting" }, typeof(ArgumentException), "capture.Purpose" },
        { "purpose not in catalog", Valid with { Purpose = "profiling" }, typeof(ArgumentException), "capture.Purpose" },
        { "null channel", Valid with { Channel = null! }, typeof(ArgumentNullException), "capture.Channel" },
        { "empty channel", Valid with { Channel = "" }, typeof(ArgumentException), "capture.Channel" },
        { "upper-case channel", Valid with { Channel = "SMS" }, typeof(ArgumentException), "capture.Channel" },
        { "channel not in catalog", Valid with { Channel = "fax" }, typeof(ArgumentException), "capture.Channel" },
        { "injection as channel", Valid with { Channel = "sms'; DROP TABLE state;--" }, typeof(ArgumentException), "capture.Channel" },
        { "undefined choice", Valid with { Choice = (ConsentChoice)42 }, typeof(ArgumentException), "capture.Choice" },
        { "policy version 0", Valid with { PolicyVersion = 0 }, typeof(ArgumentOutOfRangeException), "capture.PolicyVersion" },
        { "negative policy version", Valid with { PolicyVersion = -3 }, typeof(ArgumentOutOfRangeException), "capture.PolicyVersion" },
        { "null source", Valid with { Source = null! }, typeof(ArgumentNullException), "capture.Source" },
        { "blank source", Valid with { Source = " " }, typeof(ArgumentException), "capture.Source" },
        { "occurred 6 minutes ahead", Valid with { OccurredAt = Now.AddMinutes(6) }, typeof(ArgumentException), "capture.OccurredAt" },
        { "occurred before 1970", Valid with { OccurredAt = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) }, typeof(ArgumentException), "capture.OccurredAt" },
        { "expires before it occurred", Valid with { OccurredAt = Now, ExpiresAt = Now.AddDays(-1) }, typeof(ArgumentException), "capture.ExpiresAt" },
        { "expires when it occurred", Valid with { OccurredAt = Now, ExpiresAt = Now }, typeof(ArgumentException), "capture.ExpiresAt" },
        { "empty jurisdiction", Valid with { Jurisdiction = "" }, typeof(ArgumentException), "capture.Jurisdiction" },
        { "jurisdiction with control char", Valid with { Jurisdiction = "GD\u0001PR" }, typeof(ArgumentException), "capture.Jurisdiction" },
        { "jurisdiction too long", Valid with { Jurisdiction = new string('J', 33) }, typeof(ArgumentException), "capture.Jurisdiction" },
        { "evidence over 16 KiB", Valid with { Evidence = new Dictionary<string, string> { ["blob"] = new string('x', 16 * 1024) } }, typeof(ArgumentException), "capture.Evidence" },
        { "evidence with blank key", Valid with { Evidence = new Dictionary<string, string> { [" "] = "x" } }, typeof(ArgumentException), "capture.Evidence" },
        { "evidence with null value", Valid with { Evidence = new Dictionary<string, string> { ["ip"] = null! } }, typeof(ArgumentException), "capture.Evidence" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_capture_is_refused_by_name_and_changes_nothing(string name, ConsentCapture? capture, Type exception, string parameter)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Now));
        await cpm.RecordAsync(new ConsentCapture("victim", "marketing", "*", ConsentChoice.Granted) { OccurredAt = Now.AddMinutes(-1) });
        IReadOnlyList<ConsentRecord> before = await cpm.GetHistoryAsync("victim");
        ConsentDecision decisionBefore = cpm.Evaluate("victim", "marketing", "sms");
        long outboxBefore = cpm.Status.OutboxDepth;

        Func<Task> record = async () => await cpm.RecordAsync(capture!);

        ArgumentException thrown = (await record.Should().ThrowAsync<ArgumentException>(name)).Which;
        thrown.GetType().Should().Be(exception, name);
        thrown.ParamName.Should().Be(parameter, name);
        (await cpm.GetHistoryAsync("victim")).Should().BeEquivalentTo(before, name);
        cpm.Evaluate("victim", "marketing", "sms").Should().Be(decisionBefore, name);
        cpm.Status.OutboxDepth.Should().Be(outboxBefore, name);
        decisionBefore.IsAllowed.Should().BeTrue("the baseline grant stands");
    }

    [Fact]
    public void Corpus_is_large_and_distinct()
    {
        Corpus.Count().Should().BeGreaterThanOrEqualTo(25);
        Corpus.Select(row => (string)row[0]).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Bad_arguments_to_history_and_gate_are_refused_by_name()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();

        await FluentActions.Awaiting(() => cpm.GetHistoryAsync(null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("userId");
        await FluentActions.Awaiting(() => cpm.GetHistoryAsync("")).Should().ThrowAsync<ArgumentException>().WithParameterName("userId");
        await FluentActions.Awaiting(() => cpm.GetHistoryAsync("a\u0000b")).Should().ThrowAsync<ArgumentException>().WithParameterName("userId");
        FluentActions.Invoking(() => cpm.CanUse(null!, "marketing", "sms")).Should().Throw<ArgumentNullException>().WithParameterName("userId");
        FluentActions.Invoking(() => cpm.Filter(["a"], null!, "sms")).Should().Throw<ArgumentNullException>().WithParameterName("purpose");
    }

    [Theory]
    [InlineData("用户-张伟")]
    [InlineData("🙂-user")]
    [InlineData("x'); DROP TABLE events;--")]
    [InlineData("a")]
    public async Task Any_other_unicode_user_id_is_valid(string userId)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();

        ConsentRecord record = await cpm.RecordAsync(new ConsentCapture(userId, "marketing", "sms", ConsentChoice.Granted));

        record.UserId.Should().Be(userId);
        cpm.CanUse(userId, "marketing", "sms").Should().BeTrue();
    }
}
