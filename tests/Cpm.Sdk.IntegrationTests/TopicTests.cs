using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests;

/// <summary>
/// Topics end to end on a real store: a preference centre is captures at topics × channels; the gate, <c>Filter</c>
/// and history follow them, before and after a reopen; a topic with no declared ancestor is refused.
/// </summary>
public sealed class TopicTests
{
    [Fact]
    public async Task Captures_at_topics_decide_for_the_topic_only_and_survive_a_reopen()
    {
        using var store = new TempStore();
        DateTimeOffset t = DateTimeOffset.UtcNow.AddHours(-1);
        var expected = new Dictionary<(string Purpose, string Channel), bool>
        {
            [("marketing", "sms")] = true,
            [("marketing", "email")] = true,
            [("marketing.promotions", "sms")] = true,
            [("marketing.promotions", "email")] = false,
            [("marketing.new-products", "sms")] = false,
            [("marketing.new-products", "email")] = false,
            [("marketing.new-products.launches", "sms")] = false,
            [("marketing.events", "wechat")] = true,
        };

        await using (CpmClient cpm = await store.OpenAsync())
        {
            // "Promotions yes, new products no": the parent granted everywhere, then the person's topic choices.
            await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted) { OccurredAt = t });
            await cpm.RecordAsync(new ConsentCapture("alice", "marketing.new-products", "*", ConsentChoice.Withdrawn) { OccurredAt = t.AddMinutes(1) });
            await cpm.RecordAsync(new ConsentCapture("alice", "marketing.promotions", "email", ConsentChoice.Withdrawn) { OccurredAt = t.AddMinutes(2) });
            await cpm.RecordAsync(new ConsentCapture("bob", "marketing.promotions", "sms", ConsentChoice.Granted) { OccurredAt = t.AddMinutes(3) });

            Decisions(cpm).Should().Equal(expected);
            cpm.Evaluate("alice", "marketing.new-products.launches", "sms").Reason.Should().Be(DecisionReason.Withdrawn);
            cpm.Filter(["alice", "bob", "carol"], "marketing.promotions", "sms").Should().Equal("alice", "bob");
            cpm.Filter(["alice", "bob", "carol"], "marketing.new-products", "sms").Should().BeEmpty();
            cpm.Filter(["alice", "bob", "carol"], "marketing", "sms").Should().Equal("alice");
        }

        await using CpmClient reopened = await store.OpenAsync();
        Decisions(reopened).Should().Equal(expected);
        reopened.Filter(["alice", "bob", "carol"], "marketing.promotions", "sms").Should().Equal("alice", "bob");
        (await reopened.GetHistoryAsync("alice")).Select(r => (r.Purpose, r.Channel, r.Choice)).Should().Equal(
            ("marketing", "*", ConsentChoice.Granted),
            ("marketing.new-products", "*", ConsentChoice.Withdrawn),
            ("marketing.promotions", "email", ConsentChoice.Withdrawn));

        // A later withdrawal of the parent beats every earlier topic grant.
        await reopened.RecordAsync(new ConsentCapture("bob", "marketing", "*", ConsentChoice.Withdrawn) { OccurredAt = t.AddMinutes(4) });
        reopened.CanUse("bob", "marketing.promotions", "sms").Should().BeFalse();
    }

    [Theory]
    [InlineData("ads.promotions")]
    [InlineData("marketing.")]
    [InlineData("marketing..promotions")]
    [InlineData(".marketing")]
    [InlineData("Marketing.promotions")]
    [InlineData("marketingpromotions")]
    public async Task A_capture_at_a_topic_of_no_declared_purpose_is_refused_and_changes_nothing(string purpose)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();

        Func<Task> capture = async () => await cpm.RecordAsync(new ConsentCapture("alice", purpose, "sms", ConsentChoice.Granted));

        (await capture.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("capture.Purpose");
        (await cpm.GetHistoryAsync("alice")).Should().BeEmpty();
        cpm.Status.OutboxDepth.Should().Be(0);
        cpm.Evaluate("alice", purpose, "sms").Reason.Should().Be(DecisionReason.UnknownPurpose);
    }

    private static Dictionary<(string Purpose, string Channel), bool> Decisions(CpmClient cpm) =>
        new[] { ("marketing", "sms"), ("marketing", "email"), ("marketing.promotions", "sms"), ("marketing.promotions", "email"),
                ("marketing.new-products", "sms"), ("marketing.new-products", "email"), ("marketing.new-products.launches", "sms"), ("marketing.events", "wechat") }
            .ToDictionary(key => key, key => cpm.CanUse("alice", key.Item1, key.Item2));
}
