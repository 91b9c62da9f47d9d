namespace Cpm.Sdk.Testing.Tests.HostApp;

/// <summary>
/// How a host application tests its own send code with <see cref="TestConsent"/>: state what people chose, run the code,
/// assert on what it sent, reserved and recorded. No SQLite file, no clock of the machine.
/// </summary>
public sealed class PromotionCampaignTests
{
    private readonly TestConsent _consent = TestConsent.Create(o =>
    {
        o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
        o.Channels.Add("sms");
        o.Channels.Add("email");
        o.FrequencyRules.Add(new FrequencyRule("sms", 4, FrequencyPeriod.Month));
    });

    private readonly FakeSms _sms = new();

    [Fact]
    public async Task Sends_only_to_people_who_allow_promotions_by_sms_as_often_as_they_allow()
    {
        _consent.Given("alice").Granted("marketing").On("sms").WithFrequency(1, FrequencyPeriod.Week);
        _consent.Given("bob").Granted("marketing").And.Withdrew("marketing.promotions");
        _consent.Given("carol").Granted("marketing").On("email");
        _consent.Given("dave").Granted("marketing.promotions");
        var campaign = new PromotionCampaign(_consent, _sms);

        await campaign.SendAsync(["alice", "bob", "carol", "dave", "erin"], "Spring sale", CancellationToken.None);
        await campaign.SendAsync(["alice", "bob", "carol", "dave", "erin"], "Spring sale, last day", CancellationToken.None);

        _sms.Sent.Should().Equal(("alice", "Spring sale"), ("dave", "Spring sale"), ("dave", "Spring sale, last day"));
        _consent.Reservations.Select(r => r.UserId).Should().Equal("alice", "dave", "dave");

        _consent.Advance(TimeSpan.FromDays(7));
        await campaign.SendAsync(["alice"], "New week", CancellationToken.None);
        _sms.Sent.Should().EndWith(("alice", "New week"), "alice's once a week starts again on Monday");
    }

    [Fact]
    public async Task A_send_that_fails_gives_its_place_back()
    {
        _consent.Given("alice").Granted("marketing").On("sms").WithFrequency(1, FrequencyPeriod.Week);
        _sms.FailNext = true;
        var campaign = new PromotionCampaign(_consent, _sms);

        await campaign.Invoking(c => c.SendAsync(["alice"], "Spring sale", CancellationToken.None)).Should().ThrowAsync<HttpRequestException>();

        _consent.Reservations.Should().ContainSingle().Which.IsReleased.Should().BeTrue();
        (await campaign.SendAsync(["alice"], "Spring sale", CancellationToken.None)).Should().Be(1, "the failed send did not use her week");
    }

    [Fact]
    public async Task The_business_cap_holds_whatever_people_allow()
    {
        _consent.Given("alice").Granted("marketing");
        var campaign = new PromotionCampaign(_consent, _sms);

        for (int day = 0; day < 6; day++)
        {
            await campaign.SendAsync(["alice"], $"Day {day}", CancellationToken.None);
            _consent.Advance(TimeSpan.FromDays(1));
        }

        _sms.Sent.Should().HaveCount(4, "SMS: 4 a month");
    }

    [Fact]
    public async Task The_sign_up_form_records_the_choice_with_its_evidence_and_the_campaign_then_reaches_the_person()
    {
        var signup = new SignupHandler(_consent);

        await signup.HandleAsync("frank", marketingOptIn: true, "203.0.113.7", CancellationToken.None);
        await signup.HandleAsync("grace", marketingOptIn: false, "203.0.113.8", CancellationToken.None);
        await new PromotionCampaign(_consent, _sms).SendAsync(["frank", "grace"], "Welcome offer", CancellationToken.None);

        _consent.Recorded.Should().SatisfyRespectively(
            frank => frank.Should().BeEquivalentTo(new { UserId = "frank", Choice = ConsentChoice.Granted, Source = "web", Channel = "*" }),
            grace => grace.Evidence.Should().Contain("ip", "203.0.113.8"));
        _sms.Sent.Should().Equal(("frank", "Welcome offer"));
    }

    [Fact]
    public async Task A_sign_up_with_a_bad_user_id_fails_as_it_would_against_the_real_client()
    {
        var signup = new SignupHandler(_consent);

        await signup.Invoking(s => s.HandleAsync("bad\nid", marketingOptIn: true, "203.0.113.7", CancellationToken.None))
            .Should().ThrowAsync<ArgumentException>().WithParameterName("capture.UserId");
        _consent.Recorded.Should().BeEmpty();
    }

    private sealed class FakeSms : ISmsSender
    {
        public List<(string UserId, string Text)> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Task SendAsync(string userId, string text, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new HttpRequestException("The SMS provider is down.");
            }

            Sent.Add((userId, text));
            return Task.CompletedTask;
        }
    }
}
