using System.Net;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>
/// Who may call the API: never an anonymous caller unless the host says so; a named policy or one chained on the
/// returned group answers 403 to a caller who lacks it; with the signed-in user, only their own data.
/// </summary>
public sealed class ConsentApiAuthTests
{
    private static readonly string Grant = ApiSite.Captures(ApiSite.Item());

    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "cpm/consents" },
        { "GET", "cpm/decisions?userId=victim" },
        { "POST", "cpm/aliases" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task By_default_an_anonymous_caller_gets_401_and_nothing_is_stored(string method, string path)
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);

        using HttpResponseMessage response = await site.Http.SendAsync(Request(method, path, user: null));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_configured_policy_answers_403_to_a_caller_without_it_and_lets_one_with_it_in(string method, string path)
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => o.AuthorizationPolicy = TestAuth.TouchpointPolicy);

        using HttpResponseMessage anonymous = await site.Http.SendAsync(Request(method, path, user: null));
        using HttpResponseMessage withoutRole = await site.Http.SendAsync(Request(method, path, roles: "reader"));
        using HttpResponseMessage withRole = await site.Http.SendAsync(Request(method, path, roles: TestAuth.TouchpointRole));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withoutRole.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withRole.StatusCode.Should().Be(HttpStatusCode.OK, await withRole.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_policy_chained_on_the_returned_group_applies_on_top_of_the_default()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, group: g => g.RequireAuthorization(TestAuth.TouchpointPolicy));

        using HttpResponseMessage withoutRole = await site.Http.SendAsync(ApiSite.Post("cpm/consents", Grant, roles: "reader"));
        using HttpResponseMessage withRole = await site.Http.SendAsync(ApiSite.Post("cpm/consents", Grant));

        withoutRole.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withRole.StatusCode.Should().Be(HttpStatusCode.OK);
        (await site.Client.GetHistoryAsync("victim")).Should().ContainSingle("only the caller with the role stored");
    }

    [Fact]
    public async Task Anonymous_callers_are_served_only_when_the_host_allows_them()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => o.AllowAnonymous = true);

        using HttpResponseMessage response = await site.Http.SendAsync(ApiSite.Post("cpm/consents", Grant, user: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_the_signed_in_user_a_request_acts_for_them_only()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => o.UseSignedInUser = true);
        string own = ApiSite.Captures(ApiSite.Item(change: i => i.Remove("userId")), ApiSite.Item(userId: "张伟", purpose: "analytics", choice: "denied"));
        string other = ApiSite.Captures(ApiSite.Item(userId: "张伟"), ApiSite.Item(userId: "someone-else"));

        using HttpResponseMessage mine = await site.Http.SendAsync(ApiSite.Post("cpm/consents", own, user: "张伟"));
        using HttpResponseMessage theirs = await site.Http.SendAsync(ApiSite.Post("cpm/consents", other, user: "张伟"));
        using HttpResponseMessage decisions = await site.Http.SendAsync(ApiSite.Get("cpm/decisions?purpose=marketing&channel=sms", user: "张伟"));
        using HttpResponseMessage peek = await site.Http.SendAsync(ApiSite.Get("cpm/decisions?userId=someone-else", user: "张伟"));
        using HttpResponseMessage link = await site.Http.SendAsync(ApiSite.Post("cpm/aliases", """{"alias":"phone:+8613800000000"}""", user: "张伟"));
        using HttpResponseMessage linkOther = await site.Http.SendAsync(ApiSite.Post("cpm/aliases", """{"userId":"someone-else","alias":"phone:+8613900000000"}""", user: "张伟"));

        mine.StatusCode.Should().Be(HttpStatusCode.OK, await mine.Content.ReadAsStringAsync());
        (await site.Client.GetHistoryAsync("张伟")).Where(r => r.Kind == EventKind.Consent).Select(r => r.Purpose).Should().Equal(["marketing", "analytics"], "the signed-in person's own choices");
        (int status, _, JsonObject problem) = await ApiSite.ReadProblemAsync(theirs);
        status.Should().Be(403);
        ((string?)problem["detail"]).Should().StartWith("captures[1].userId names another person");
        (await site.Client.GetHistoryAsync("someone-else")).Should().BeEmpty();
        (await site.Client.GetHistoryAsync("张伟")).Where(r => r.Kind == EventKind.Consent).Should().HaveCount(2, "the refused request stored nothing, its own capture included");
        JsonNode.Parse(await decisions.Content.ReadAsStringAsync())!["decisions"]![0]!["allowed"]!.GetValue<bool>().Should().BeTrue();
        (int peekStatus, _, JsonObject peekProblem) = await ApiSite.ReadProblemAsync(peek);
        peekStatus.Should().Be(403);
        ((string?)peekProblem["detail"]).Should().Be("userId names another person than the one signed in; leave it out.");
        link.StatusCode.Should().Be(HttpStatusCode.OK);
        site.Client.Resolve("phone:+8613800000000").Should().Be("张伟");
        (int linkStatus, _, JsonObject linkProblem) = await ApiSite.ReadProblemAsync(linkOther);
        linkStatus.Should().Be(403);
        ((string?)linkProblem["detail"]).Should().Be("userId names another person than the one signed in; leave it out.");
        site.Client.Resolve("phone:+8613900000000").Should().BeNull();
    }

    [Fact]
    public async Task With_the_signed_in_user_a_caller_without_the_claim_gets_401()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => { o.UseSignedInUser = true; o.AllowAnonymous = true; });

        using HttpResponseMessage anonymous = await site.Http.SendAsync(ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item()), user: null));
        using var otherClaim = ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item()));
        otherClaim.Headers.Add(TestAuth.ClaimHeader, "email");
        using HttpResponseMessage withoutClaim = await site.Http.SendAsync(otherClaim);
        using HttpResponseMessage notAnId = await site.Http.SendAsync(ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item(change: i => i.Remove("userId"))), user: new string('x', 257)));

        foreach ((string name, HttpResponseMessage response) in new[] { ("anonymous", anonymous), ("without the claim", withoutClaim), ("a claim value that is no user id is no person", notAnId) })
        {
            (int status, string? contentType, JsonObject problem) = await ApiSite.ReadProblemAsync(response);
            status.Should().Be(401, name);
            contentType.Should().Be("application/problem+json", name);
            ((string?)problem["detail"]).Should().Be("This API acts for the signed-in person, and the request has none.", name);
        }

        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    private static HttpRequestMessage Request(string method, string path, string? user = ApiSite.Touchpoint, string roles = TestAuth.TouchpointRole) =>
        method == "GET" ? ApiSite.Get(path, user, roles)
        : ApiSite.Post(path, path.EndsWith("aliases", StringComparison.Ordinal) ? """{"userId":"victim","alias":"phone:+8613800000000"}""" : Grant, user, roles);
}
