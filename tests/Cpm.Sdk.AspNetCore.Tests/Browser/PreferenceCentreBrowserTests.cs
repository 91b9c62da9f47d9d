using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cpm.Sdk.AspNetCore.Tests.Browser;

/// <summary>
/// The preference centre of the sample app in a real browser (Debian's chromium), against the app on 127.0.0.1 synced
/// with a reference server, and a second SDK instance synced to the same server.
/// </summary>
public sealed class PreferenceCentreBrowserTests(BrowserFixture browser, SampleFixture sample, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>, IClassFixture<SampleFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_person_changes_their_choices_downloads_their_data_and_erases_it()
    {
        const string user = "mei.lin@example.com";
        await using IBrowserContext context = await browser.NewContextAsync();
        IPage page = await context.NewPageAsync();
        await SignInAsync(page, user);
        await Eventually.HoldsAsync(() => sample.Second.CanUse(user, "marketing", "sms"), Deadline, "the sign-up grant at the second instance", Stopwatch.StartNew());

        // The current choices: the sign-up form's marketing by SMS and email, its topics following it.
        (await Box(page, "marketing", "sms").IsCheckedAsync()).Should().BeTrue();
        (await Box(page, "marketing", "email").IsCheckedAsync()).Should().BeTrue();
        (await Box(page, "marketing", "wechat").IsCheckedAsync()).Should().BeFalse();
        (await Box(page, "marketing.promotions", "sms").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("#s-0-0").TextContentAsync()).Should().StartWith("On since ");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Artifact("1-current-choices-en.png"), FullPage = true });

        // SMS marketing off, promotions by WeChat on, email at most once a week.
        await Box(page, "marketing", "sms").UncheckAsync();
        await Box(page, "marketing.promotions", "wechat").CheckAsync();
        await page.Locator("select[name='freq:email']").SelectOptionAsync("1-week");
        var clock = Stopwatch.StartNew();
        Task<TimeSpan> propagation = Eventually.HoldsAsync(
            () => !sample.Second.CanUse(user, "marketing", "sms"), Deadline, "the second instance denying SMS marketing", clock);
        await NavigatesAsync(page, "**/privacy?done=saved*", () => page.ClickAsync("#save"));
        TimeSpan saved = clock.Elapsed;
        TimeSpan propagated = await propagation;
        output.WriteLine($"From the Save click: the second instance denied SMS marketing after {propagated.TotalMilliseconds:F0} ms; " +
            $"the browser showed the saved page after {saved.TotalMilliseconds:F0} ms");

        (await page.Locator("p.status").TextContentAsync()).Should().MatchRegex(@"^Saved: \d+ changes? recorded\.$");
        (await Box(page, "marketing", "sms").IsCheckedAsync()).Should().BeFalse();
        (await Box(page, "marketing.promotions", "sms").IsCheckedAsync()).Should().BeFalse("the topic follows marketing");
        (await Box(page, "marketing.promotions", "wechat").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("select[name='freq:email']").InputValueAsync()).Should().Be("1-week");
        await Eventually.HoldsAsync(() => sample.Second.CanUse(user, "marketing.promotions", "wechat"), Deadline, "promotions by WeChat at the second instance", clock);
        ConsentDecision email = sample.App.Evaluate(user, "marketing", "email");
        ConsentRecord emailGrant = (await sample.App.GetHistoryAsync(user)).Single(r => r.Id == email.RecordId);
        (emailGrant.Frequency, emailGrant.Source, emailGrant.Evidence!["pageVersion"]).Should().Be((new FrequencyCap(1, FrequencyPeriod.Week), "web", "cpm-preference-centre/1"));
        emailGrant.Evidence.Should().ContainKeys("ip", "userAgent");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Artifact("2-saved-en.png"), FullPage = true });

        // The switch to Chinese.
        await page.ClickAsync("nav.lang a[lang='zh-CN']");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("zh-CN");
        (await page.Locator("h1").TextContentAsync()).Should().Be("您的隐私选择");
        (await page.Locator("#save").TextContentAsync()).Should().Be("保存我的选择");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Artifact("3-choices-zh-CN.png"), FullPage = true });

        // Download my data.
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export button"));
        string file = BrowserFixture.Artifact("my-privacy-data.json");
        await download.SaveAsAsync(file);
        using (JsonDocument export = JsonDocument.Parse(await File.ReadAllTextAsync(file)))
        {
            export.RootElement.GetProperty("userId").GetString().Should().Be(user);
            export.RootElement.GetProperty("records").EnumerateArray()
                .Count(r => r.GetProperty("kind").GetString() == "consent" && r.GetProperty("source").GetString() == "web").Should().BeGreaterThan(0);
        }

        // Erasure, with its confirmation step.
        await page.ClickAsync("#erase");
        (await page.Locator("h1").TextContentAsync()).Should().Be("确认删除您的数据？");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Artifact("4-erase-confirmation-zh-CN.png"), FullPage = true });
        await page.CheckAsync("#confirm");
        await NavigatesAsync(page, "**/privacy?done=erased", () => page.ClickAsync("#erase-confirm button[type=submit]"));
        (await page.Locator("p.status").TextContentAsync()).Should().Be("您的数据已删除。");
        sample.App.Evaluate(user, "marketing", "email").Reason.Should().Be(DecisionReason.Erased);
        (await sample.App.GetHistoryAsync(user)).Should().NotContain(r => r.Kind == EventKind.Consent);
        await Eventually.HoldsAsync(
            () => sample.Second.Evaluate(user, "marketing.promotions", "wechat").Reason == DecisionReason.Erased, Deadline, "the erasure at the second instance", clock);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Artifact("5-erased-zh-CN.png"), FullPage = true });
    }

    [Fact]
    public async Task A_person_changes_their_choices_with_the_keyboard_only()
    {
        const string user = "noah";
        await using IBrowserContext context = await browser.NewContextAsync();
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(sample.BaseAddress, "privacy").ToString());
        await TabToAsync(page, "#userId");
        await page.Keyboard.TypeAsync(user);
        await TabToAsync(page, "form button[type=submit]");
        await NavigatesAsync(page, "**/privacy", () => page.Keyboard.PressAsync("Space"));

        await TabToAsync(page, Selector("marketing", "sms"));
        (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).Should().Be("solid", "focus is visible");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, Selector("marketing.newsletter", "app-push"));
        await page.Keyboard.PressAsync("Space");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Artifact("6-keyboard-before-save.png"), FullPage = true });
        await TabToAsync(page, "#save");
        await NavigatesAsync(page, "**/privacy?done=saved*", () => page.Keyboard.PressAsync("Space"));

        sample.App.CanUse(user, "marketing", "sms").Should().BeFalse();
        sample.App.CanUse(user, "marketing", "email").Should().BeTrue("left alone");
        sample.App.CanUse(user, "marketing.newsletter", "app-push").Should().BeTrue();
        (await sample.App.GetHistoryAsync(user)).Where(r => r.Source == "web").Select(r => (r.Purpose, r.Channel, r.Choice))
            .Should().BeEquivalentTo([("marketing", "sms", ConsentChoice.Withdrawn), ("marketing.newsletter", "app-push", ConsentChoice.Granted)]);
    }

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync(new Uri(sample.BaseAddress, "privacy").ToString());
        page.Url.Should().Contain("/signin?ReturnUrl=%2Fprivacy", "the centre asks for a signed-in person");
        await page.FillAsync("#userId", user);
        await NavigatesAsync(page, "**/privacy", () => page.ClickAsync("form button[type=submit]"));
    }

    private static string Selector(string purpose, string channel) => $"input[data-purpose='{purpose}'][data-channel='{channel}']";

    private static ILocator Box(IPage page, string purpose, string channel) => page.Locator(Selector(purpose, channel));

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 100 times).</summary>
    /// <summary>Runs <paramref name="action"/> with the wait for its navigation already in place, so a quick one is never missed.</summary>
    private static async Task NavigatesAsync(IPage page, string url, Func<Task> action)
    {
        Task navigated = page.WaitForURLAsync(url);
        await action();
        await navigated;
    }

    private static async Task TabToAsync(IPage page, string selector)
    {
        for (int i = 0; i < 100; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}.");
    }
}
