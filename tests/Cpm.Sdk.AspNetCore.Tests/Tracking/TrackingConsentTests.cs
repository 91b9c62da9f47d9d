using System.Net;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.Tracking;

/// <summary>
/// ASP.NET Core's own cookie policy, asking the gate: a cookie that is not essential is dropped without the person's
/// consent to the configured purpose and kept with it; granting and withdrawing through the feature record captures.
/// </summary>
public sealed class TrackingConsentTests
{
    internal const string Tracker = "tracker";
    internal const string Session = "session";

    [Fact]
    public async Task A_non_essential_cookie_is_dropped_without_consent_and_kept_once_the_person_grants_it()
    {
        using var store = new TempStore();
        await using TestSite site = await StartAsync(store, app => app.UseCpmTrackingConsent());

        (IReadOnlyList<string> anonymous, JsonNode anonymousState) = await VisitAsync(site, user: null);
        (IReadOnlyList<string> before, JsonNode beforeState) = await VisitAsync(site, "user-1");
        (IReadOnlyList<string> grant, JsonNode grantState) = await VisitAsync(site, "user-1", "grant");
        (IReadOnlyList<string> after, JsonNode afterState) = await VisitAsync(site, "user-1");
        (IReadOnlyList<string> stranger, _) = await VisitAsync(site, "user-2");

        anonymous.Should().Equal(Session);
        State(anonymousState).Should().Be((true, false, false));
        before.Should().Equal(Session);
        State(beforeState).Should().Be((true, false, false));
        grant.Should().Equal(Session, Tracker);
        State(grantState).Should().Be((true, true, true), "the grant is read back from the gate within the same request");
        ((string?)grantState["consentCookie"]).Should().BeEmpty("there is no consent cookie to write");
        after.Should().Equal(Session, Tracker);
        State(afterState).Should().Be((true, true, true));
        stranger.Should().Equal([Session], "consent is the person's own");

        ConsentRecord record = (await site.Client.GetHistoryAsync("user-1")).Should().ContainSingle().Which;
        (record.Purpose, record.Channel, record.Choice, record.Source, record.PolicyVersion, record.Separate).Should().Be(("tracking", "web", ConsentChoice.Granted, "web", 2, true));
        record.Evidence.Should().Equal(new Dictionary<string, string> { ["ip"] = "127.0.0.1", ["userAgent"] = "cookie-browser/1.0" });
    }

    [Fact]
    public async Task Withdrawing_records_a_withdrawal_and_the_cookie_is_dropped_again_whatever_the_consent_cookie_says()
    {
        using var store = new TempStore();
        await using TestSite site = await StartAsync(store, app => app.UseCpmTrackingConsent());
        await site.Client.RecordAsync(new ConsentCapture("user-1", "tracking", "web", ConsentChoice.Granted) { PolicyVersion = 2, Separate = true });

        (IReadOnlyList<string> granted, _) = await VisitAsync(site, "user-1");
        (IReadOnlyList<string> withdraw, JsonNode withdrawState) = await VisitAsync(site, "user-1", "withdraw");
        (IReadOnlyList<string> later, _) = await VisitAsync(site, "user-1", consentCookie: true);
        (IReadOnlyList<string> forged, JsonNode forgedState) = await VisitAsync(site, "user-2", consentCookie: true);

        granted.Should().Equal(Session, Tracker);
        withdraw.Should().Equal(Session);
        State(withdrawState).Should().Be((true, false, false));
        later.Should().Equal([Session], "the .AspNet.Consent cookie no longer decides");
        forged.Should().Equal(Session);
        State(forgedState).HasConsent.Should().BeFalse();
        (await site.Client.GetHistoryAsync("user-1")).Select(r => r.Choice).Should().Equal(ConsentChoice.Granted, ConsentChoice.Withdrawn);
        site.Client.Evaluate("user-1", "tracking", "web").Reason.Should().Be(DecisionReason.Withdrawn);
    }

    [Fact]
    public async Task The_plain_cookie_policy_asks_the_gate_too_and_the_hosts_own_hooks_still_apply()
    {
        using var store = new TempStore();
        var seen = new List<string>();
        await using TestSite site = await StartAsync(
            store,
            app => app.UseCookiePolicy(),
            services => services.Configure<CookiePolicyOptions>(o => o.OnAppendCookie = c => { lock (seen) { seen.Add($"{c.CookieName}:{c.IssueCookie}"); } }));

        (IReadOnlyList<string> before, _) = await VisitAsync(site, "user-1");
        await site.Client.RecordAsync(new ConsentCapture("user-1", "tracking", "web", ConsentChoice.Granted) { PolicyVersion = 2, Separate = true });
        (IReadOnlyList<string> after, _) = await VisitAsync(site, "user-1");

        before.Should().Equal(Session);
        after.Should().Equal(Session, Tracker);
        ((string?)(await VisitAsync(site, "user-1")).State["consentCookie"]).Should().StartWith(".AspNet.Consent=yes", "without UseCpmTrackingConsent the feature stays the framework's");
        seen.Where(c => !c.StartsWith(".AspNet", StringComparison.Ordinal)).Take(4).Should().Equal($"{Session}:True", $"{Tracker}:False", $"{Session}:True", $"{Tracker}:True");
    }

    [Fact]
    public async Task Where_the_host_says_no_consent_is_needed_every_cookie_is_kept()
    {
        using var store = new TempStore();
        await using TestSite site = await StartAsync(
            store, app => app.UseCpmTrackingConsent(), services => services.Configure<CookiePolicyOptions>(o => o.CheckConsentNeeded = _ => false));

        (IReadOnlyList<string> cookies, JsonNode state) = await VisitAsync(site, user: null);

        cookies.Should().Equal(Session, Tracker);
        State(state).Should().Be((false, false, true));
    }

    [Fact]
    public async Task Without_the_cookie_policy_middleware_consent_is_needed_and_only_the_gate_lets_tracking_in()
    {
        using var store = new TempStore();
        await using TestSite site = await StartAsync(store, app => app.UseCpmTrackingConsent());

        (_, JsonNode before) = await VisitAsync(site, "user-1");
        (_, JsonNode granted) = await VisitAsync(site, "user-1", "grant");

        State(before).Should().Be((true, false, false), "nothing says consent is not needed");
        State(granted).Should().Be((true, true, true));
    }

    [Fact]
    public async Task Granting_without_a_signed_in_person_fails_clearly_and_records_nothing()
    {
        using var store = new TempStore();
        await using TestSite site = await StartAsync(store, app => app.UseCpmTrackingConsent());

        using HttpResponseMessage response = await site.Http.SendAsync(Visit(null, "grant"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("signed-in person");
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    private static Task<TestSite> StartAsync(TempStore store, Action<WebApplication> cookiePolicy, Action<IServiceCollection>? services = null) =>
        TestSite.StartAsync(
            store,
            s =>
            {
                s.AddCpmTrackingConsent("tracking", "web", o => o.PolicyVersion = 2);
                services?.Invoke(s);
            },
            app =>
            {
                cookiePolicy(app);
                MapVisit(app);
            },
            o =>
            {
                o.Purposes.Add(new PurposeDefinition { Id = "tracking", MinimumPolicyVersion = 2 });
                o.Channels.Add("web");
            });

    /// <summary><c>/visit</c> optionally grants or withdraws, then sets an essential and a tracking cookie and answers the feature's state.</summary>
    internal static void MapVisit(WebApplication app) => app.MapGet("/visit", (HttpContext context, string? action) =>
    {
        ITrackingConsentFeature feature = context.Features.Get<ITrackingConsentFeature>()!;
        try
        {
            if (action == "grant")
            {
                feature.GrantConsent();
            }
            else if (action == "withdraw")
            {
                feature.WithdrawConsent();
            }
        }
        catch (InvalidOperationException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }

        context.Response.Cookies.Append(Session, "s1", new CookieOptions { IsEssential = true });
        context.Response.Cookies.Append(Tracker, "t1");
        return Results.Json(new { needed = feature.IsConsentNeeded, has = feature.HasConsent, track = feature.CanTrack, consentCookie = feature.CreateConsentCookie() });
    });

    internal static async Task<(IReadOnlyList<string> Cookies, JsonNode State)> VisitAsync(TestSite site, string? user, string? action = null, bool consentCookie = false)
    {
        using HttpRequestMessage request = Visit(user, action);
        if (consentCookie)
        {
            request.Headers.Add("Cookie", ".AspNet.Consent=yes");
        }

        using HttpResponseMessage response = await site.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        IEnumerable<string> cookies = response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? values) ? values : [];
        JsonNode state = JsonNode.Parse(text)!;
        return ([.. cookies.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)])], state);
    }

    private static HttpRequestMessage Visit(string? user, string? action)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, action is null ? "visit" : $"visit?action={action}");
        if (user is not null)
        {
            request.Headers.Add(TestAuth.UserHeader, user);
        }

        request.Headers.UserAgent.ParseAdd("cookie-browser/1.0");
        return request;
    }

    private static (bool Needed, bool HasConsent, bool CanTrack) State(JsonNode state) =>
        ((bool)state["needed"]!, (bool)state["has"]!, (bool)state["track"]!);
}
