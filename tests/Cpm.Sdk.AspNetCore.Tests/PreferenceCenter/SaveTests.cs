namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>Saving the choices form: only what changed is captured, with evidence, and the page reads as the person left it.</summary>
public sealed class SaveTests
{
    private const string User = "mei.lin";

    [Fact]
    public async Task The_page_shows_each_current_choice_with_its_date_and_notice_version()
    {
        await using PageHost host = await PageHost.StartAsync(page: o => o.NoticeVersion = 3, cpm: o => o.Purposes[0].MinimumPolicyVersion = 2);
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted)
        {
            PolicyVersion = 3,
            OccurredAt = new DateTimeOffset(2026, 3, 5, 9, 7, 0, TimeSpan.Zero),
        });
        using var person = new PageClient(host, User);

        string html = await person.HtmlAsync();
        PageForm form = PageForm.Read(html, "choices");

        form.Value("on:marketing:sms").Should().Be("1");
        form.Value("was:marketing:sms").Should().Be("1");
        form.Has("on:marketing:email").Should().BeFalse();
        form.Value("on:marketing.promotions:sms").Should().Be("1", "the topic follows its purpose's grant");
        form.Value("on:analytics:email").Should().Be("1", "legitimate interest allows until the person objects");
        html.Should().Contain("On since 5 Mar 2026, 09:07 · notice v3").And.Contain("Privacy notice, version 3")
            .And.Contain("through “marketing”").And.Contain("Off: not chosen yet").And.Contain("On: you have not objected");
        html.Should().NotContain("order-status", "a contract purpose leaves the person no choice to show");
    }

    [Fact]
    public async Task Saving_the_page_unchanged_records_nothing()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "*", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        long before = await host.EventCountAsync();

        string location = await person.SubmitAndRedirectAsync(await person.FormAsync("choices"));

        location.Should().Be("/privacy?done=saved&n=0");
        (await host.EventCountAsync()).Should().Be(before);
        (await person.HtmlAsync(location)).Should().Contain("Nothing changed.");
    }

    [Fact]
    public async Task One_change_is_one_capture_with_the_page_evidence_the_source_and_the_notice_version()
    {
        await using PageHost host = await PageHost.StartAsync(page: o =>
        {
            o.NoticeVersion = 2;
            o.Source = "web-centre";
            o.PageVersion = "centre/7";
            o.Jurisdiction = "PIPL";
        });
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        int before = (await host.Cpm.GetHistoryAsync(User)).Count;

        string location = await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Untick("analytics", "email"));

        location.Should().Be("/privacy?done=saved&n=1");
        IReadOnlyList<ConsentRecord> history = await host.Cpm.GetHistoryAsync(User);
        history.Should().HaveCount(before + 1);
        ConsentRecord record = history[^1];
        (record.Purpose, record.Channel, record.Choice).Should().Be(("analytics", "email", ConsentChoice.Withdrawn));
        (record.Source, record.PolicyVersion, record.Jurisdiction).Should().Be(("web-centre", 2, "PIPL"));
        record.Evidence.Should().Contain("ip", "127.0.0.1").And.Contain("pageVersion", "centre/7").And.Contain("form", "choices")
            .And.Contain("userAgent", "PageClient/1.0 (tests)").And.Contain("language", "en");
        host.Cpm.CanUse(User, "analytics", "email").Should().BeFalse("the person objected");
        host.Cpm.CanUse(User, "marketing", "sms").Should().BeTrue("left alone");
        (await person.HtmlAsync(location)).Should().Contain("Saved: 1 change recorded.");
    }

    [Fact]
    public async Task A_topic_left_alone_follows_its_purpose_and_a_topic_changed_too_keeps_the_persons_choice()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);

        PageForm form = (await person.FormAsync("choices")).Untick("marketing", "sms").Tick("marketing.promotions", "email").Tick("marketing", "wechat");
        string location = await person.SubmitAndRedirectAsync(form.Untick("marketing.promotions", "wechat"));

        location.Should().Be("/privacy?done=saved&n=3", "marketing by sms and by wechat, promotions by email; nothing for a box left alone");
        host.Cpm.CanUse(User, "marketing", "sms").Should().BeFalse();
        host.Cpm.CanUse(User, "marketing.promotions", "sms").Should().BeFalse("the topic was left alone, so it follows marketing");
        host.Cpm.CanUse(User, "marketing.promotions", "email").Should().BeTrue("a later grant of the topic alone");
        host.Cpm.CanUse(User, "marketing", "email").Should().BeFalse();
        host.Cpm.CanUse(User, "marketing.promotions", "wechat").Should().BeTrue("it follows marketing by wechat, turned on");

        PageForm both = (await person.FormAsync("choices")).Untick("marketing", "wechat").Untick("marketing.promotions", "wechat");
        (await person.SubmitAndRedirectAsync(both)).Should().Be("/privacy?done=saved&n=2", "the topic was changed too, so it is recorded too");
        await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Tick("marketing", "wechat"));
        host.Cpm.CanUse(User, "marketing.promotions", "wechat").Should().BeTrue("the latest choice, marketing by wechat, decides its topics");
        (await person.HtmlAsync()).Should().Contain("The topics below follow this choice on each channel, unless you change them too.");
    }

    [Fact]
    public async Task A_frequency_goes_with_the_grants_on_its_channel_and_never_revives_a_withdrawn_topic()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "email", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Untick("marketing.promotions", "email"));

        await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Select("email", "1-week"));

        ConsentDecision marketing = host.Cpm.Evaluate(User, "marketing", "email");
        marketing.IsAllowed.Should().BeTrue();
        IReadOnlyList<ConsentRecord> history = await host.Cpm.GetHistoryAsync(User);
        history.Single(r => r.Id == marketing.RecordId).Frequency.Should().Be(new FrequencyCap(1, FrequencyPeriod.Week));
        host.Cpm.CanUse(User, "marketing.promotions", "email").Should().BeFalse("the person turned the topic off; a new cap does not undo that");
        PageForm after = await person.FormAsync("choices");
        after.Value("freq:email").Should().Be("1-week");
        after.Value("freq:sms").Should().Be("none");
        after.Has("on:marketing.promotions:email").Should().BeFalse();
    }

    [Fact]
    public async Task A_choice_made_elsewhere_after_the_page_was_read_is_not_overwritten_by_a_box_left_alone()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        PageForm form = await person.FormAsync("choices");
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Withdrawn) { Source = "app" });

        await person.SubmitAndRedirectAsync(form.Tick("marketing", "wechat"));

        host.Cpm.CanUse(User, "marketing", "sms").Should().BeFalse("the app's later withdrawal stands");
        host.Cpm.CanUse(User, "marketing", "wechat").Should().BeTrue();
    }

    [Fact]
    public async Task Withdraw_everything_turns_every_shown_purpose_off_everywhere_and_a_second_time_records_nothing()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing.promotions", "email", ConsentChoice.Granted));
        using var person = new PageClient(host, User);

        string location = await person.SubmitAndRedirectAsync(await person.FormAsync("withdraw"));

        location.Should().Be("/privacy?done=withdrawn");
        foreach (string purpose in new[] { "marketing", "marketing.promotions", "analytics" })
        {
            foreach (string channel in new[] { "sms", "email", "wechat" })
            {
                host.Cpm.CanUse(User, purpose, channel).Should().BeFalse($"{purpose} on {channel}");
            }
        }

        (await host.Cpm.GetHistoryAsync(User)).Where(r => r.Channel == "*").Select(r => (r.Purpose, r.Choice))
            .Should().BeEquivalentTo([("marketing", ConsentChoice.Withdrawn), ("analytics", ConsentChoice.Withdrawn)]);
        long before = await host.EventCountAsync();
        await person.SubmitAndRedirectAsync(await person.FormAsync("withdraw"));
        (await host.EventCountAsync()).Should().Be(before);
        (await person.HtmlAsync(location)).Should().Contain("Everything is off now.");
    }
}
