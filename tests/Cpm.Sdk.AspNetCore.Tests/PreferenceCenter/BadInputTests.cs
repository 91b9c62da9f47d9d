using System.Net;
using System.Text.Json;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// Tampered posts: every one is refused 400 with a problem details body naming the field and what is wrong with it,
/// and the store is left as it was, even though each also carries a real change that an accepted form would record.
/// </summary>
public sealed class BadInputTests
{
    private const string User = "mei.lin";

    public static TheoryData<string, string, string> ChoicesCorpus => new()
    {
        { "add on:unknown:sms=1", "on:unknown:sms", "'unknown' is not a purpose on this page." },
        { "add on:marketing:fax=1", "on:marketing:fax", "'fax' is not a channel on this page." },
        { "add on:marketing:*=1", "on:marketing:*", "'*' is not a channel on this page." },
        { "add on:order-status:sms=1", "on:order-status:sms", "'order-status' is not a purpose on this page." },
        { "add on:Marketing:sms=1", "on:Marketing:sms", "'Marketing' is not a purpose on this page." },
        { "add on:marketing.promotions.summer:sms=1", "on:marketing.promotions.summer:sms", "'marketing.promotions.summer' is not a purpose on this page." },
        { "add on::sms=1", "on::sms", "'' is not a purpose on this page." },
        { "add on:marketing=1", "on:marketing", "The page has no such field." },
        { "add on:marketing:sms:x=1", "on:marketing:sms:x", "The page has no such field." },
        { "add userId=someone-else", "userId", "The page has no such field." },
        { "add admin=1", "admin", "The page has no such field." },
        { "set on:marketing:wechat=yes", "on:marketing:wechat", "A ticked box posts the value 1." },
        { "set on:marketing:wechat=", "on:marketing:wechat", "A ticked box posts the value 1." },
        { "add on:marketing:email=1", "on:marketing:email", "The field is given more than once." },
        { "set was:marketing:email=2", "was:marketing:email", "The shown state is 0 or 1." },
        { "set was:marketing:email=true", "was:marketing:email", "The shown state is 0 or 1." },
        { "remove was:marketing:email", "was:marketing:email", "The field is missing." },
        { "add was:marketing:sms=0", "was:marketing:sms", "The field is given more than once." },
        { "set freq:sms=2-week", "freq:sms", "'2-week' is not a frequency this page offers." },
        { "set freq:sms=1-year", "freq:sms", "'1-year' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=0-day", "freq:sms", "'0-day' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=01-week", "freq:sms", "'01-week' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=-1-week", "freq:sms", "'-1-week' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=+1-week", "freq:sms", "'+1-week' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=10001-day", "freq:sms", "'10001-day' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=99999999999-day", "freq:sms", "'99999999999-day' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=1-Week", "freq:sms", "'1-Week' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms= 1-week", "freq:sms", "' 1-week' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=", "freq:sms", "'' is not a frequency (none, or sends-day|week|month)." },
        { "set freq:sms=unlimited", "freq:sms", "'unlimited' is not a frequency (none, or sends-day|week|month)." },
        { "remove freq:email", "freq:email", "The field is missing." },
        { "remove wasfreq:email", "wasfreq:email", "The field is missing." },
        { "set wasfreq:sms=weekly", "wasfreq:sms", "'weekly' is not a frequency (none, or sends-day|week|month)." },
        { "add freq:fax=none", "freq:fax", "'fax' is not a channel on this page." },
        { "add wasfreq:fax=none", "wasfreq:fax", "'fax' is not a channel on this page." },
        { "add freq:sms=none", "freq:sms", "The field is given more than once." },
        { "add wasfreq:wechat=none", "wasfreq:wechat", "The field is given more than once." },
        { "set freq:email=2-month", "freq:email", "'2-month' is not a frequency this page offers." },
    };

    [Theory]
    [MemberData(nameof(ChoicesCorpus))]
    public async Task A_tampered_choices_form_is_refused_naming_the_field_and_the_problem_and_stores_nothing(string tampering, string field, string message)
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        PageForm form = (await person.FormAsync("choices")).Untick("marketing", "sms").Tick("marketing", "email").Select("email", "1-week");
        long before = await host.EventCountAsync();

        using HttpResponseMessage response = await person.SubmitAsync(Apply(form, tampering));

        await ShouldNameAsync(response, field, message);
        (await host.EventCountAsync()).Should().Be(before);
        host.Cpm.CanUse(User, "marketing", "sms").Should().BeTrue();
        host.Cpm.CanUse(User, "marketing", "email").Should().BeFalse();
    }

    [Theory]
    [InlineData("withdraw", "privacy", "add note=hi", "note", "The page has no such field.")]
    [InlineData("export", "privacy", "add userId=someone-else", "userId", "The page has no such field.")]
    [InlineData("erase-confirm", "privacy/erase", "remove confirm", "confirm", "Tick the box to confirm.")]
    [InlineData("erase-confirm", "privacy/erase", "set confirm=yes", "confirm", "The confirmation box posts the value 1, once.")]
    [InlineData("erase-confirm", "privacy/erase", "add confirm=1", "confirm", "The confirmation box posts the value 1, once.")]
    [InlineData("erase-confirm", "privacy/erase", "add userId=someone-else", "userId", "The page has no such field.")]
    public async Task A_tampered_one_button_form_is_refused_naming_the_field_and_the_problem_and_stores_nothing(string formId, string path, string tampering, string field, string message)
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

        await ShouldNameAsync(response, field, message);
        (await host.EventCountAsync()).Should().Be(before, "no capture, no export or erasure request");
        host.Cpm.Evaluate(User, "marketing", "sms").Reason.Should().Be(DecisionReason.Granted);
    }

    private static async Task ShouldNameAsync(HttpResponseMessage response, string field, string message)
    {
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using JsonDocument problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => (e.Name, string.Join(" | ", e.Value.EnumerateArray().Select(m => m.GetString()))))
            .Should().Equal((field, message));
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
