using System.Net;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>The page speaks en or zh-CN: the switch (remembered in a cookie), else Accept-Language, else the default.</summary>
public sealed class LanguageTests
{
    private const string User = "mei.lin";

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans-CN,en;q=0.5", "zh-CN")]
    [InlineData("en-GB,zh-CN;q=0.9", "en")]
    [InlineData("fr-FR,zh-CN;q=0.8,en;q=0.5", "zh-CN")]
    [InlineData("fr-FR,en;q=0.8", "en")]
    [InlineData("zh-CN;q=0,en;q=0.1", "en")]
    [InlineData("fr", "en")]
    [InlineData("not a header;;", "en")]
    public async Task Accept_language_picks_the_page_language(string acceptLanguage, string expected)
    {
        await using PageHost host = await PageHost.StartAsync();
        using var person = new PageClient(host, User, acceptLanguage: acceptLanguage);

        string html = await person.HtmlAsync();

        html.Should().Contain($"<html lang=\"{expected}\">");
        html.Should().Contain(expected == "zh-CN" ? "您的隐私选择" : "Your privacy choices");
    }

    [Fact]
    public async Task The_default_language_answers_when_nothing_names_a_supported_one()
    {
        await using PageHost host = await PageHost.StartAsync(page: o => o.DefaultLanguage = "zh-CN");
        using var person = new PageClient(host, User, acceptLanguage: "de-DE");

        (await person.HtmlAsync()).Should().Contain("<html lang=\"zh-CN\">");
    }

    [Fact]
    public async Task The_switch_sets_the_language_and_a_cookie_remembers_it()
    {
        await using PageHost host = await PageHost.StartAsync();
        using var person = new PageClient(host, User, acceptLanguage: "en-US");
        string english = await person.HtmlAsync();
        english.Should().Contain("href=\"/privacy?lang=zh-CN\"").And.Contain("aria-current=\"true\">English");

        string chinese = await person.HtmlAsync("privacy?lang=zh-CN");
        string remembered = await person.HtmlAsync();
        string erase = await person.HtmlAsync("privacy/erase");
        string ignored = await person.HtmlAsync("privacy?lang=xx");

        foreach (string html in new[] { chinese, remembered, erase, ignored })
        {
            html.Should().Contain("<html lang=\"zh-CN\">");
        }

        chinese.Should().Contain("保存我的选择").And.Contain("短信").And.Contain("每周最多一次").And.Contain("下载我的数据").And.Contain("申请删除");
        erase.Should().Contain("确认删除您的数据？").And.Contain("href=\"/privacy/erase?lang=en\"");
        (await person.HtmlAsync("privacy?lang=en")).Should().Contain("<html lang=\"en\">");
    }

    [Fact]
    public async Task Captures_made_in_chinese_say_so_in_their_evidence_and_dates_read_as_chinese_dates()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted)
        {
            OccurredAt = new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero),
        });
        using var person = new PageClient(host, User, acceptLanguage: "zh-CN");

        (await person.HtmlAsync()).Should().Contain("自 2026年11月2日 08:30 起开启");
        await person.SubmitAndRedirectAsync((await person.FormAsync("choices")).Tick("marketing", "wechat"));

        (await host.Cpm.GetHistoryAsync(User))[^1].Evidence.Should().Contain("language", "zh-CN");
        using HttpResponseMessage page = await person.GetAsync("privacy");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
