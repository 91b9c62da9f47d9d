using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cpm.Sdk.AspNetCore.Tests.Browser;

/// <summary>
/// The sample web app wires all of the package on one site: the touchpoint API for the signed-in person, Global Privacy
/// Control on the marketing purposes, <c>/.well-known/gpc.json</c> and <c>/health</c>, over real HTTP.
/// </summary>
public sealed partial class SampleEndpointsTests(SampleFixture sample) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task The_touchpoint_api_records_for_the_signed_in_person_and_refuses_anyone_else()
    {
        using HttpClient anonymous = Client(out _);
        (await anonymous.GetAsync("cpm/decisions?userId=api-person")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using HttpClient http = await SignedInAsync("api-person");
        string body = new JsonObject
        {
            ["captures"] = new JsonArray(new JsonObject { ["userId"] = "api-person", ["purpose"] = "marketing.newsletter", ["channel"] = "email", ["choice"] = "granted" }),
        }.ToJsonString();
        using HttpResponseMessage recorded = await http.PostAsync("cpm/consents", new StringContent(body, Encoding.UTF8, "application/json"));
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        sample.App.CanUse("api-person", "marketing.newsletter", "email").Should().BeTrue();

        string someoneElse = body.Replace("\"api-person\"", "\"someone-else\"", StringComparison.Ordinal);
        using HttpResponseMessage refused = await http.PostAsync("cpm/consents", new StringContent(someoneElse, Encoding.UTF8, "application/json"));
        ((int)refused.StatusCode).Should().BeOneOf(400, 403);
        (await sample.App.GetHistoryAsync("someone-else")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_global_privacy_control_signal_opts_the_signed_in_person_out_of_marketing_once()
    {
        using HttpClient http = await SignedInAsync("gpc-person");
        for (int i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "notice");
            request.Headers.Add("Sec-GPC", "1");
            (await http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        IReadOnlyList<ConsentRecord> history = await sample.App.GetHistoryAsync("gpc-person");
        history.Where(r => r.Source == "gpc").Select(r => (r.Purpose, r.Channel, r.Choice)).Should().BeEquivalentTo(
            [("marketing", "*", ConsentChoice.Denied), ("marketing.promotions", "*", ConsentChoice.Denied), ("marketing.newsletter", "*", ConsentChoice.Denied)],
            "each purpose marked HonorsGpc, once, however many requests carry the signal");
        sample.App.CanUse("gpc-person", "marketing.promotions", "sms").Should().BeFalse();
        sample.App.Evaluate("gpc-person", "service-updates", "email").IsAllowed.Should().BeTrue("legitimate interest does not honour the signal here");
    }

    [Fact]
    public async Task The_site_serves_gpc_json_and_its_health()
    {
        using HttpClient http = Client(out _);
        using HttpResponseMessage gpc = await http.GetAsync(".well-known/gpc.json");
        gpc.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonNode json = JsonNode.Parse(await gpc.Content.ReadAsStringAsync())!;
        ((bool)json["gpc"]!).Should().BeTrue();
        ((string?)json["lastUpdate"]).Should().Be("2026-12-01");

        using HttpResponseMessage health = await http.GetAsync("health");
        ((int)health.StatusCode).Should().Be(200);
        (await health.Content.ReadAsStringAsync()).Should().BeOneOf("Healthy", "Degraded");
    }

    private HttpClient Client(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = sample.BaseAddress };
    }

    /// <summary>Signs in through the sample's development stub, antiforgery token and all.</summary>
    private async Task<HttpClient> SignedInAsync(string userId)
    {
        HttpClient http = Client(out _);
        string form = await http.GetStringAsync("signin");
        Match token = AntiforgeryField().Match(form);
        token.Success.Should().BeTrue("the sign-in form carries an antiforgery token");
        using HttpResponseMessage signedIn = await http.PostAsync("signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [WebUtility.HtmlDecode(token.Groups["name"].Value)] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["userId"] = userId,
            ["returnUrl"] = "/privacy",
        }));
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return http;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken|[^"]*Antiforgery[^"]*|[^"]*RequestVerification[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex AntiforgeryField();
}
