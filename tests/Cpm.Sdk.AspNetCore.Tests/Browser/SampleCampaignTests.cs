using System.Diagnostics;
using Cpm.Samples.AspNet.Campaign;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk.AspNetCore.Tests.Browser;

/// <summary>The sample's campaign sends only through the send guard, asked right before each send.</summary>
public sealed class SampleCampaignTests(SampleFixture sample) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task The_campaign_texts_only_people_who_allow_it_within_their_frequency_and_follows_a_change_made_elsewhere()
    {
        await sample.App.RecordAsync(new ConsentCapture("allows", "marketing", "sms", ConsentChoice.Granted));
        await sample.App.RecordAsync(new ConsentCapture("weekly", "marketing.promotions", "sms", ConsentChoice.Granted)
        {
            Frequency = new FrequencyCap(1, FrequencyPeriod.Week),
        });
        await sample.App.RecordAsync(new ConsentCapture("refused", "marketing", "sms", ConsentChoice.Denied));
        await sample.App.RecordAsync(new ConsentCapture("email-only", "marketing", "email", ConsentChoice.Granted));
        var audience = new CampaignAudience();
        foreach (string user in new[] { "allows", "weekly", "refused", "email-only", "never-seen" })
        {
            audience.Add(user);
        }

        var sms = new RecordingSms();
        var campaign = new PromotionsCampaign(sample.App, sms, audience, new CampaignSchedule(TimeSpan.FromHours(1)), NullLogger<PromotionsCampaign>.Instance);

        (await campaign.RoundAsync(CancellationToken.None)).Should().Be(2);
        sms.Sent.Should().Equal("allows", "weekly");
        (await campaign.RoundAsync(CancellationToken.None)).Should().Be(1, "'weekly' had this week's text");
        sms.Sent.Should().Equal("allows", "weekly", "allows");

        await sample.Second.RecordAsync(new ConsentCapture("allows", "marketing", "*", ConsentChoice.Withdrawn) { Source = "app" });
        await Eventually.HoldsAsync(() => !sample.App.CanUse("allows", "marketing.promotions", "sms"), TimeSpan.FromSeconds(30), "the withdrawal at the app", Stopwatch.StartNew());
        (await campaign.RoundAsync(CancellationToken.None)).Should().Be(0);
        sms.Sent.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_send_that_fails_gives_its_reservation_back()
    {
        await sample.App.RecordAsync(new ConsentCapture("flaky", "marketing", "sms", ConsentChoice.Granted) { Frequency = new FrequencyCap(1, FrequencyPeriod.Day) });
        var audience = new CampaignAudience();
        audience.Add("flaky");
        var failing = new PromotionsCampaign(sample.App, new RecordingSms { Fail = true }, audience, new CampaignSchedule(TimeSpan.FromHours(1)), NullLogger<PromotionsCampaign>.Instance);
        var sms = new RecordingSms();
        var working = new PromotionsCampaign(sample.App, sms, audience, new CampaignSchedule(TimeSpan.FromHours(1)), NullLogger<PromotionsCampaign>.Instance);

        Func<Task> round = () => failing.RoundAsync(CancellationToken.None);
        await round.Should().ThrowAsync<HttpRequestException>();

        (await working.RoundAsync(CancellationToken.None)).Should().Be(1, "the failed send did not use the day's one text");
        sms.Sent.Should().Equal("flaky");
    }

    private sealed class RecordingSms : ISmsProvider
    {
        public List<string> Sent { get; } = [];

        public bool Fail { get; init; }

        public Task SendAsync(string userId, string text, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new HttpRequestException("the SMS gateway is down");
            }

            Sent.Add(userId);
            return Task.CompletedTask;
        }
    }
}
