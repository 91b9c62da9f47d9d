namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>Everything the page shows is HTML-encoded: the user id, configured names, the notice link; CJK stays readable.</summary>
public sealed class EncodingTests
{
    [Fact]
    public async Task Values_that_look_like_markup_are_shown_as_text()
    {
        const string hostile = "<script>alert('x')</script>\"&";
        await using PageHost host = await PageHost.StartAsync(page: o =>
        {
            o.NoticeUrl = "https://example.com/notice?a=1&b='2'";
            var label = new PreferenceLabel();
            label.Name["en"] = "<img src=x onerror=alert(1)>";
            label.Description["en"] = "Ads & \"offers\" <b>bold</b>";
            o.PurposeLabels["marketing"] = label;
            var channel = new PreferenceLabel();
            channel.Name["en"] = "S<M>S";
            o.ChannelLabels["sms"] = channel;
        });
        await host.Cpm.RecordAsync(new ConsentCapture(hostile, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, hostile);

        string html = await person.HtmlAsync();

        html.Should().NotContain("<script>").And.NotContain("<img").And.NotContain("<b>bold").And.NotContain("S<M>S");
        html.Should().Contain("Signed in as &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;&amp;");
        html.Should().Contain("&lt;img src=x onerror=alert(1)&gt;").And.Contain("Ads &amp; &quot;offers&quot; &lt;b&gt;bold&lt;/b&gt;");
        html.Should().Contain("href=\"https://example.com/notice?a=1&amp;b=&#x27;2&#x27;\"");
        html.Should().Contain("S&lt;M&gt;S");
        (await new PageClient(host, "用户-王芳", acceptLanguage: "zh-CN").HtmlAsync()).Should().Contain("当前登录：用户-王芳", "CJK is written as is");
    }

    [Fact]
    public async Task Pages_are_never_cached_and_allow_no_script()
    {
        await using PageHost host = await PageHost.StartAsync();
        using var person = new PageClient(host, "mei.lin");

        foreach (string path in new[] { "privacy", "privacy/erase" })
        {
            using HttpResponseMessage response = await person.GetAsync(path);
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.NotContain("script-src");
            response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
            (await response.Content.ReadAsStringAsync()).Should().NotContain("<script");
        }
    }
}
