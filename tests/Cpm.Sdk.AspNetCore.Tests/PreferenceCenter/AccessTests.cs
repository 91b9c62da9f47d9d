using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>No signed-in user, no page (401); no valid antiforgery token, no post (400), and nothing stored.</summary>
public sealed class AccessTests
{
    private const string User = "mei.lin";

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "privacy" },
        { "POST", "privacy" },
        { "POST", "privacy/withdraw" },
        { "POST", "privacy/export" },
        { "GET", "privacy/erase" },
        { "POST", "privacy/erase" },
    };

    public static TheoryData<string> Forms => new() { "choices", "withdraw", "export", "erase-confirm" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_answers_401_without_a_signed_in_user_or_with_an_unusable_user_id(string method, string path)
    {
        await using PageHost host = await PageHost.StartAsync();
        foreach ((string? user, string? claim) in new (string?, string?)[] { (null, null), (User, "sub"), ("   ", null), ("a\u0001b", null), (new string('x', 257), null) })
        {
            using var person = new PageClient(host, user, claim);
            using HttpResponseMessage response = method == "GET"
                ? await person.GetAsync(path)
                : await person.PostAsync(path, new FormUrlEncodedContent([new("confirm", "1")]));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"user '{user}' with claim '{claim}'");
        }

        (await host.EventCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_user_id_comes_from_the_claim_every_web_feature_shares()
    {
        await using PageHost host = await PageHost.StartAsync(services: s => s.Configure<CpmHttpOptions>(o => o.UserIdClaimType = "sub"));
        using var person = new PageClient(host, "person-from-sub", "sub");
        using var other = new PageClient(host, "person-from-nameid", ClaimTypes.NameIdentifier);

        (await person.HtmlAsync()).Should().Contain("Signed in as person-from-sub");
        using HttpResponseMessage refused = await other.GetAsync("privacy");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_post_without_a_valid_antiforgery_token_is_refused_400_and_stores_nothing(string formId)
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture(User, "marketing", "sms", ConsentChoice.Granted));
        using var person = new PageClient(host, User);
        string path = formId == "erase-confirm" ? "privacy/erase" : "privacy";
        PageForm Fresh(PageForm form) => formId == "choices" ? form.Untick("marketing", "sms") : formId == "erase-confirm" ? form.Add("confirm", "1") : form;
        PageForm template = await person.FormAsync(formId, path);
        string field = template.Fields[0].Key;
        field.Should().Be("__RequestVerificationToken");
        long before = await host.EventCountAsync();

        var tampered = new List<PageForm>
        {
            Fresh(PageForm.Read(await person.HtmlAsync(path), formId)).Remove(field),
            Fresh(PageForm.Read(await person.HtmlAsync(path), formId)).Set(field, "CfDJ8-not-a-token"),
            Fresh(PageForm.Read(await person.HtmlAsync(path), formId)).Set(field, ""),
        };
        foreach (PageForm form in tampered)
        {
            using HttpResponseMessage response = await person.SubmitAsync(form);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).Should().Contain(field);
        }

        // A token made for another person, with that person's cookie, does not sign this person's post.
        PageForm issuedToMei = Fresh(PageForm.Read(await person.HtmlAsync(path), formId));
        person.SignInAs("someone-else");
        using (HttpResponseMessage response = await person.SubmitAsync(issuedToMei))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        // Not a form at all.
        using (HttpResponseMessage response = await person.PostAsync(template.Action, new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await host.EventCountAsync()).Should().Be(before);
        host.Cpm.CanUse(User, "marketing", "sms").Should().BeTrue();
    }
}
