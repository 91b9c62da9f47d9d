using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// Saving a new frequency: one grant with it for each allowed box on that channel whose deciding grant carries another,
/// in page order, and no choice changed by it; every test reads the exact records a save adds.
/// </summary>
public sealed class FrequencySaveTests
{
    private const string User = "mei.lin";
    private static readonly FrequencyCap Daily = new(1, FrequencyPeriod.Day);
    private static readonly FrequencyCap Weekly = new(1, FrequencyPeriod.Week);

    [Fact]
    public async Task A_new_frequency_is_one_grant_per_allowed_box_and_a_topic_following_the_new_grant_gets_none()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "email", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        int before = (await host.Cpm.GetHistoryAsync(User)).Count;

        string location = await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Select("email", "1-week"));

        location.Should().Be("/privacy?done=saved&n=2");
        (await AddedAsync(host, before)).Should().Equal(
            ("marketing", "email", ConsentChoice.Granted, Weekly),
            ("analytics", "email", ConsentChoice.Granted, Weekly));
        host.Cpm.CanUse(User, "marketing.promotions", "email").Should().BeTrue("the topic follows marketing's new grant");
    }

    [Fact]
    public async Task A_box_whose_grant_already_carries_the_new_frequency_is_not_granted_again()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted) { Frequency = Daily });
        await host.Cpm.RecordAsync(new ConsentCapture(User, "analytics", "sms", ConsentChoice.Granted) { Frequency = Weekly });
        using var person = new PageClient(host, User);
        PageForm form = await person.FormAsync("choices");
        form.Value("wasfreq:sms").Should().Be("1-day", "the channel shows the frequency of its first purpose's grant");
        int before = (await host.Cpm.GetHistoryAsync(User)).Count;

        string location = await person.SubmitAndRedirectAsync(form.Select("sms", "1-week"));

        location.Should().Be("/privacy?done=saved&n=1", "analytics by sms already has one a week");
        (await AddedAsync(host, before)).Should().Equal(("marketing", "sms", ConsentChoice.Granted, Weekly));
    }

    [Fact]
    public async Task New_frequencies_on_two_channels_never_revive_a_topic_withdrawn_on_the_first()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "email", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Untick("marketing.promotions", "sms"));
        int before = (await host.Cpm.GetHistoryAsync(User)).Count;

        string location = await person.SubmitAndRedirectAsync(
            (await person.FormAsync("choices")).Select("sms", "1-week").Select("email", "1-day"));

        location.Should().Be("/privacy?done=saved&n=5");
        (await AddedAsync(host, before)).Should().Equal(
            ("marketing", "sms", ConsentChoice.Granted, Weekly),
            ("analytics", "sms", ConsentChoice.Granted, Weekly),
            ("marketing", "email", ConsentChoice.Granted, Daily),
            ("analytics", "email", ConsentChoice.Granted, Daily),
            ("marketing.promotions", "sms", ConsentChoice.Withdrawn, (FrequencyCap?)null));
        host.Cpm.CanUse(User, "marketing.promotions", "sms").Should().BeFalse("the person turned it off; a new frequency changes no choice");
        host.Cpm.CanUse(User, "marketing.promotions", "email").Should().BeTrue();
    }

    [Fact]
    public async Task A_grant_recorded_elsewhere_during_the_save_still_gets_the_chosen_frequency()
    {
        var elsewhere = new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted) { Source = "app", Frequency = Daily };
        await using PageHost host = await PageHost.StartAsync(services: s => s.AddSingleton<IConsentRecorder>(
            p => new RecorderRacedByAnotherApp(p.GetRequiredService<CpmClient>(), elsewhere)));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted) { OccurredAt = now.AddMinutes(-2) });
        using var person = new PageClient(host, User);
        PageForm form = await person.FormAsync("choices");
        form.Value("wasfreq:sms").Should().Be("none");
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted) { OccurredAt = now.AddMinutes(-1), Frequency = Weekly });
        int before = (await host.Cpm.GetHistoryAsync(User)).Count;

        string location = await person.SubmitAndRedirectAsync(form.Tick("marketing", "wechat").Select("sms", "1-week"));

        location.Should().Be("/privacy?done=saved&n=3", "the app's grant is not the one read before the save, so its frequency is not assumed");
        (await AddedAsync(host, before)).Should().Equal(
            ("marketing", "wechat", ConsentChoice.Granted, (FrequencyCap?)null),
            ("marketing", "sms", ConsentChoice.Granted, Daily),
            ("marketing", "sms", ConsentChoice.Granted, Weekly),
            ("analytics", "sms", ConsentChoice.Granted, Weekly));
        ConsentDecision decision = host.Cpm.Evaluate(User, "marketing", "sms");
        (await host.Cpm.GetHistoryAsync(User)).Single(r => r.Id == decision.RecordId).Frequency.Should().Be(Weekly);
    }

    private static async Task<IReadOnlyList<(string, string, ConsentChoice, FrequencyCap?)>> AddedAsync(PageHost host, int before) =>
        [.. (await host.Cpm.GetHistoryAsync(User)).Skip(before).Select(r => (r.Purpose, r.Channel, r.Choice, r.Frequency))];

    /// <summary>Another app of the person records <paramref name="elsewhere"/> right after the page's first capture, at the same instant.</summary>
    private sealed class RecorderRacedByAnotherApp(CpmClient cpm, ConsentCapture elsewhere) : IConsentRecorder
    {
        private int _calls;

        public async ValueTask<ConsentRecord> RecordAsync(ConsentCapture capture, CancellationToken cancellationToken = default)
        {
            ConsentRecord record = await cpm.RecordAsync(capture, cancellationToken);
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await cpm.RecordAsync(elsewhere with { OccurredAt = capture.OccurredAt }, cancellationToken);
            }

            return record;
        }
    }
}
