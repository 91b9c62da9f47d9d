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

    [Fact]
    public async Task An_export_of_a_purpose_holds_its_topics_and_a_report_decides_each_topic_people_chose_on()
    {
        using var store = new TempStore();
        DateTimeOffset t = DateTimeOffset.UtcNow.AddHours(-1);
        await using CpmClient cpm = await store.OpenAsync(configure: o =>
        {
            o.Purposes.Add(new PurposeDefinition { Id = "marketing-2" });
            o.Purposes.Add(new PurposeDefinition { Id = "marketing0" });
            o.Purposes.Add(new PurposeDefinition { Id = "marketing.events" });
        });
        ConsentRecord parent = await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted) { OccurredAt = t });
        ConsentRecord topic = await cpm.RecordAsync(new ConsentCapture("alice", "marketing.promotions", "sms", ConsentChoice.Withdrawn) { OccurredAt = t.AddMinutes(1) });
        ConsentRecord deep = await cpm.RecordAsync(new ConsentCapture("bob", "marketing.promotions.flash", "sms", ConsentChoice.Granted) { OccurredAt = t.AddMinutes(2) });
        await cpm.RecordAsync(new ConsentCapture("bob", "marketing-2", "sms", ConsentChoice.Granted) { OccurredAt = t.AddMinutes(3) });
        await cpm.RecordAsync(new ConsentCapture("bob", "marketing0", "sms", ConsentChoice.Granted) { OccurredAt = t.AddMinutes(4) });

        (await ExportedIds(cpm, "marketing")).Should().Equal(parent.Id, topic.Id, deep.Id);
        (await ExportedIds(cpm, "marketing.promotions")).Should().Equal(topic.Id, deep.Id);
        (await ExportedIds(cpm, "marketing.promotions.flash")).Should().Equal(deep.Id);
        (await ExportedIds(cpm, "marketing.events")).Should().BeEmpty();

        ConsentReport report = await cpm.GetReportAsync(new ReportQuery(t.AddDays(-1), t.AddDays(1)));
        report.Rows.Select(r => r.Purpose).Distinct().Should().Equal("marketing", "marketing-2", "marketing.promotions", "marketing.promotions.flash", "marketing0");
        Dictionary<string, long> smsAllowed = report.Allowed.Where(a => a.Channel == "sms").ToDictionary(a => a.Purpose, a => a.Allowed);
        smsAllowed.Should().Equal(new Dictionary<string, long>
        {
            ["analytics"] = 2,            // legitimate interest, nobody objected
            ["marketing"] = 1,            // alice's grant everywhere
            ["marketing-2"] = 1,
            ["marketing.events"] = 1,     // declared, and alice's parent grant decides it
            ["marketing.promotions"] = 0, // alice withdrew it on sms; bob chose only its topic
            ["marketing.promotions.flash"] = 1,
            ["marketing0"] = 1,
            ["order-status"] = 2,
            ["personalisation"] = 0,
            ["tax-records"] = 2,
        });
        report.Allowed.Should().OnlyContain(a => a.People == 2);
    }

    private static async Task<List<Guid>> ExportedIds(CpmClient cpm, string purpose)
    {
        var destination = new MemoryStream();
        await cpm.ExportAsync(new ExportQuery { Purpose = purpose }, destination, ExportFormat.JsonLines);
        return [.. Evidence.EvidenceFiles.ReadJsonLines(destination.ToArray())[..^1].Select(line => Guid.Parse(line.GetProperty("id").GetString()!))];
    }

    private static Dictionary<(string Purpose, string Channel), bool> Decisions(CpmClient cpm) =>
        new[] { ("marketing", "sms"), ("marketing", "email"), ("marketing.promotions", "sms"), ("marketing.promotions", "email"),
                ("marketing.new-products", "sms"), ("marketing.new-products", "email"), ("marketing.new-products.launches", "sms"), ("marketing.events", "wechat") }
            .ToDictionary(key => key, key => cpm.CanUse("alice", key.Item1, key.Item2));
}
