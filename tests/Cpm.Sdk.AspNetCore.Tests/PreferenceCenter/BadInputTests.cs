using System.Net;
using System.Text.Json;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// Tampered posts: every one is refused 400 with a problem details body naming the field, and the store is left as
/// it was, even though each also carries a real change that an accepted form would record.
/// </summary>
public sealed class BadInputTests
{
    private const string User = "mei.lin";

    public static TheoryData<string, string> ChoicesCorpus => new()
    {
        { "add on:unknown:sms=1", "on:unknown:sms" },
        { "add on:marketing:fax=1", "on:marketing:fax" },
        { "add on:marketing:*=1", "on:marketing:*" },
        { "add on:order-status:sms=1", "on:order-status:sms" },
        { "add on:Marketing:sms=1", "on:Marketing:sms" },
        { "add on:marketing.promotions.summer:sms=1", "on:marketing.promotions.summer:sms" },
        { "add on::sms=1", "on::sms" },
        { "add on:marketing=1", "on:marketing" },
        { "add on:marketing:sms:x=1", "on:marketing:sms:x" },
        { "add userId=someone-else", "userId" },
        { "add admin=1", "admin" },
        { "set on:marketing:wechat=yes", "on:marketing:wechat" },
        { "set on:marketing:wechat=", "on:marketing:wechat" },
        { "add on:marketing:email=1", "on:marketing:email" },
        { "set was:marketing:email=2", "was:marketing:email" },
        { "set was:marketing:email=true", "was:marketing:email" },
        { "remove was:marketing:email", "was:marketing:email" },
        { "add was:marketing:sms=0", "was:marketing:sms" },
        { "set freq:sms=2-week", "freq:sms" },
        { "set freq:sms=1-year", "freq:sms" },
        { "set freq:sms=0-day", "freq:sms" },
        { "set freq:sms=01-week", "freq:sms" },
        { "set freq:sms=-1-week", "freq:sms" },
        { "set freq:sms=+1-week", "freq:sms" },
        { "set freq:sms=10001-day", "freq:sms" },
        { "set freq:sms=99999999999-day", "freq:sms" },
        { "set freq:sms=1-Week", "freq:sms" },
        { "set freq:sms= 1-week", "freq:sms" },
        { "set freq:sms=", "freq:sms" },
        { "set freq:sms=unlimited", "freq:sms" },
        { "remove freq:email", "freq:email" },
        { "remove wasfreq:email", "wasfreq:email" },
        { "set wasfreq:sms=weekly", "wasfreq:sms" },
        { "add freq:fax=none", "freq:fax" },
        { "add wasfreq:fax=none", "wasfreq:fax" },
    };

    [Theory]
    [MemberData(nameof(ChoicesCorpus))]
    public async Task A_tampered_choices_form_is_refused_naming_the_field_and_stores_nothing(string tampering, string field)
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        PageForm form = (await person.FormAsync("choices")).Untick("marketing", "sms").Tick("marketing", "email").Select("email", "1-week");
        long before = await host.EventCountAsync();

        using HttpResponseMessage response = await person.SubmitAsync(Apply(form, tampering));

        await ShouldNameAsync(response, field);
        (await host.EventCountAsync()).Should().Be(before);
        host.Cpm.CanUse(User, "marketing", "sms").Should().BeTrue();
        host.Cpm.CanUse(User, "marketing", "email").Should().BeFalse();
    }

    [Theory]
    [InlineData("withdraw", "privacy", "add note=hi", "note")]
    [InlineData("export", "privacy", "add userId=someone-else", "userId")]
    [InlineData("erase-confirm", "privacy/erase", "remove confirm", "confirm")]
    [InlineData("erase-confirm", "privacy/erase", "set confirm=yes", "confirm")]
    [InlineData("erase-confirm", "privacy/erase", "add confirm=1", "confirm")]
    [InlineData("erase-confirm", "privacy/erase", "add userId=someone-else", "userId")]
    public async Task A_tampered_one_button_form_is_refused_naming_the_field_and_stores_nothing(string formId, string path, string tampering, string field)
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        PageForm form = await person.FormAsync(formId, path);
        if (formId == "erase-confirm")
        {
            form.Add("confirm", "1");
        }

        long before = await host.EventCountAsync();

        using HttpResponseMessage response = await person.SubmitAsync(Apply(form, tampering));

        await ShouldNameAsync(response, field);
        (await host.EventCountAsync()).Should().Be(before, "no capture, no export or erasure request");
        host.Cpm.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Granted);
    }

    private static async Task ShouldNameAsync(HttpResponseMessage response, string field)
    {
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using JsonDocument problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    /// <summary>"add name=value", "set name=value" (replaces), "remove name".</summary>
    private static PageForm Apply(PageForm form, string tampering)
    {
        string[] verb = tampering.Split(' ', 2);
        string[] pair = verb[1].Split('=', 2);
        return verb[0] switch
        {
            "add" => form.Add(pair[0], pair[1]),
            "set" => form.Set(pair[0], pair[1]),
            _ => form.Remove(pair[0]),
        };
    }
}
