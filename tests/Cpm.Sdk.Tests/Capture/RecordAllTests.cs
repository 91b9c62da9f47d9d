using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Tests.Capture;

/// <summary>
/// <see cref="CpmClient.RecordAllAsync"/>: several choices as one. Every capture is checked by the same rules as
/// <see cref="CpmClient.RecordAsync"/>, a bad one is named by its index, and then all are stored or none is.
/// </summary>
public sealed class RecordAllTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(BadInputCorpusTests.Corpus), MemberType = typeof(BadInputCorpusTests))]
    public async Task One_bad_capture_among_good_ones_is_named_by_its_index_and_nothing_is_stored(
        string name, ConsentCapture? bad, Type exception, string parameter)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Now));
        await cpm.RecordAsync(new ConsentCapture("victim", "marketing", "*", ConsentChoice.Granted) { OccurredAt = Now.AddMinutes(-1) });
        IReadOnlyList<ConsentRecord> before = await cpm.GetHistoryAsync("victim");
        long outboxBefore = cpm.Status.OutboxDepth;
        ConsentCapture[] captures =
        [
            new("victim", "analytics", "email", ConsentChoice.Denied),
            bad!,
            new("bystander", "marketing", "sms", ConsentChoice.Granted),
        ];

        Func<Task> record = async () => await cpm.RecordAllAsync(captures);

        ArgumentException thrown = (await record.Should().ThrowAsync<ArgumentException>(name)).Which;
        thrown.GetType().Should().Be(exception, name);
        thrown.ParamName.Should().Be(parameter.Replace("capture", "captures[1]", StringComparison.Ordinal), name);
        (await cpm.GetHistoryAsync("victim")).Should().BeEquivalentTo(before, name);
        (await cpm.GetHistoryAsync("bystander")).Should().BeEmpty(name);
        cpm.Evaluate("victim", "analytics", "email").Reason.Should().Be(DecisionReason.NoObjection, name);
        cpm.Status.OutboxDepth.Should().Be(outboxBefore, name);
    }

    [Fact]
    public async Task Good_captures_are_stored_together_in_order_and_the_gate_reflects_every_one_at_once()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Now);
        IReadOnlyList<ConsentRecord> records;
        await using (CpmClient cpm = await store.OpenAsync(clock))
        {
            records = await cpm.RecordAllAsync(
            [
                new ConsentCapture("用户-1", "marketing", "sms", ConsentChoice.Granted) { Source = "miniprogram", Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.9" } },
                new ConsentCapture("用户-1", "analytics", "*", ConsentChoice.Denied) { Source = "miniprogram" },
                new ConsentCapture("user-2", "personalisation", "email", ConsentChoice.Granted) { PolicyVersion = 2 },
            ]);

            records.Select(r => (r.UserId, r.Purpose, r.Choice)).Should().Equal(
                ("用户-1", "marketing", ConsentChoice.Granted), ("用户-1", "analytics", ConsentChoice.Denied), ("user-2", "personalisation", ConsentChoice.Granted));
            records.Select(r => r.RecordedAt).Distinct().Should().ContainSingle("one transaction, one commit time");
            records.Select(r => r.Id).Should().OnlyHaveUniqueItems();
            cpm.CanUse("用户-1", "marketing", "sms").Should().BeTrue();
            cpm.Evaluate("用户-1", "analytics", "wechat").Reason.Should().Be(DecisionReason.Denied);
            cpm.CanUse("user-2", "personalisation", "email").Should().BeTrue();
            cpm.Status.OutboxDepth.Should().Be(3);
            (await cpm.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        await using CpmClient reopened = await store.OpenAsync(clock);
        (await reopened.GetHistoryAsync("用户-1")).Select(r => r.Id).Should().BeEquivalentTo(records.Take(2).Select(r => r.Id), "durable before acknowledged");
        (await reopened.GetHistoryAsync("用户-1"))[0].Evidence.Should().Equal(new Dictionary<string, string> { ["ip"] = "203.0.113.9" });
    }

    [Fact]
    public async Task The_list_itself_is_checked_an_empty_null_or_over_long_list_is_refused_by_name()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();
        ConsentCapture good = new("u", "marketing", "sms", ConsentChoice.Granted);

        await FluentActions.Awaiting(async () => await cpm.RecordAllAsync(null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("captures");
        await FluentActions.Awaiting(async () => await cpm.RecordAllAsync([])).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("captures");
        await FluentActions.Awaiting(async () => await cpm.RecordAllAsync(Enumerable.Repeat(good, CpmClient.MaxCapturesAtOnce + 1).ToArray()))
            .Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("captures");
        (await cpm.GetHistoryAsync("u")).Should().BeEmpty();

        (await cpm.RecordAllAsync(Enumerable.Repeat(good, CpmClient.MaxCapturesAtOnce).ToArray())).Should().HaveCount(500, "the limit itself is fine");
    }

    [Fact]
    public async Task Separate_consent_is_checked_per_capture()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(configure: o => o.Purposes.Add(new PurposeDefinition { Id = "transfer", RequiresSeparateConsent = true }));

        Func<Task> bundled = async () => await cpm.RecordAllAsync(
            [new ConsentCapture("u", "marketing", "sms", ConsentChoice.Granted), new ConsentCapture("u", "transfer", "sms", ConsentChoice.Granted)]);

        await bundled.Should().ThrowAsync<ArgumentException>().WithParameterName("captures[1].Separate");
        (await cpm.GetHistoryAsync("u")).Should().BeEmpty();
    }
}
