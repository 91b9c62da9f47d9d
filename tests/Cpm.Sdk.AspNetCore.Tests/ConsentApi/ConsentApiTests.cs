using System.Net;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>The consent API doing its job: captures with evidence, decisions with reasons, aliases.</summary>
public sealed class ConsentApiTests
{
    [Fact]
    public async Task Several_choices_are_recorded_at_once_with_the_requests_evidence_and_the_gate_reflects_them()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => o.Source = "kiosk");
        string body = ApiSite.Captures(
            ApiSite.Item(userId: "用户-42", channel: "*", change: i => { i["policyVersion"] = 1; i["jurisdiction"] = "PIPL"; }),
            ApiSite.Item(userId: "用户-42", purpose: "analytics", channel: "email", choice: "denied", change: i =>
            {
                i["source"] = "miniprogram";
                i["evidence"] = new JsonObject { ["ip"] = "198.51.100.23", ["form"] = "prefs-v2" };
            }),
            ApiSite.Item(userId: "user-7", purpose: "marketing.promotions", channel: "sms", change: i =>
            {
                i["frequency"] = new JsonObject { ["maxSends"] = 1, ["period"] = "week" };
                i["expiresAt"] = "2099-01-01T00:00:00Z";
            }),
            ApiSite.Item(userId: "user-7", purpose: "transfer", channel: "email", change: i => i["separate"] = true));

        using HttpResponseMessage response = await site.Http.SendAsync(ApiSite.Post("cpm/consents", body));
        string text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonArray records = JsonNode.Parse(text)!["records"]!.AsArray();
        records.Select(r => ((string?)r!["purpose"], (string?)r["choice"], (string?)r["source"])).Should().Equal(
            ("marketing", "granted", "kiosk"), ("analytics", "denied", "miniprogram"), ("marketing.promotions", "granted", "kiosk"), ("transfer", "granted", "kiosk"));
        records[2]!["frequency"]!.ToJsonString().Should().Be("""{"maxSends":1,"period":"week"}""");
        ((bool?)records[3]!["separate"]).Should().BeTrue();
        ((string?)records[0]!["jurisdiction"]).Should().Be("PIPL");
        records.Select(r => (string?)r!["recordedAt"]).Distinct().Should().ContainSingle("one transaction");

        CpmClient client = site.Client;
        client.CanUse("用户-42", "marketing", "wechat").Should().BeTrue();
        client.Evaluate("用户-42", "analytics", "email").Reason.Should().Be(DecisionReason.Denied);
        client.CanUse("user-7", "marketing.promotions", "sms").Should().BeTrue();
        client.CanUse("user-7", "transfer", "email").Should().BeTrue();
        IReadOnlyList<ConsentRecord> history = await client.GetHistoryAsync("用户-42");
        history.Select(r => r.Id.ToString()).Should().Equal(records.Take(2).Select(r => (string?)r!["id"]));
        ((string?)records[0]!["occurredAt"]).Should().Be(Cpm.Sdk.Protocol.WireFormat.FormatTimestamp(history[0].OccurredAt)).And.MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        ((string?)records[2]!["expiresAt"]).Should().Be("2099-01-01T00:00:00.000Z");
        history[0].Evidence.Should().Equal(new Dictionary<string, string> { ["ip"] = "127.0.0.1", ["userAgent"] = "cpm-tests/1.0" });
        history[1].Evidence.Should().Equal(
            new Dictionary<string, string> { ["ip"] = "198.51.100.23", ["form"] = "prefs-v2", ["userAgent"] = "cpm-tests/1.0" },
            "the touchpoint's own ip (the person's) wins over the caller's");
        site.Logs.Lines.Should().Contain(l => l.Contains("Cpm consent API recorded 4 captures", StringComparison.Ordinal));
        site.Logs.Lines.Should().NotContain(l => l.Contains("用户-42", StringComparison.Ordinal) || l.Contains("198.51.100.23", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decisions_list_every_purpose_and_channel_with_reasons_and_can_be_narrowed()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);
        ConsentRecord grant = await site.Client.RecordAsync(new ConsentCapture("user-3", "marketing", "sms", ConsentChoice.Granted));
        await site.Client.RecordAsync(new ConsentCapture("user-3", "analytics", "*", ConsentChoice.Withdrawn));

        JsonObject all = await GetJsonAsync(site, "cpm/decisions?userId=user-3");
        JsonObject narrowed = await GetJsonAsync(site, "cpm/decisions?userId=user-3&purpose=marketing.promotions&channel=sms");
        JsonObject stranger = await GetJsonAsync(site, "cpm/decisions?userId=" + Uri.EscapeDataString("陌生人 🙂") + "&channel=email");

        ((string?)all["userId"]).Should().Be("user-3");
        JsonArray decisions = all["decisions"]!.AsArray();
        decisions.Should().HaveCount(site.Client.Purposes.Count * 4, "every purpose of the catalog on every channel");
        Decision(decisions, "marketing", "sms").Should().Be((true, "granted", grant.Id.ToString()));
        Decision(decisions, "marketing", "email").Should().Be((false, "noConsent", null));
        Decision(decisions, "analytics", "wechat").Reason.Should().Be("withdrawn");
        Decision(decisions, "order-status", "sms").Should().Be((true, "legalBasis", null));
        Decision(decisions, "transfer", "sms").Reason.Should().Be("noConsent");
        narrowed["decisions"]!.AsArray().Should().ContainSingle();
        Decision(narrowed["decisions"]!.AsArray(), "marketing.promotions", "sms").Should().Be((true, "granted", grant.Id.ToString()), "a topic is decided by its purpose's grant");
        ((string?)stranger["userId"]).Should().Be("陌生人 🙂");
        stranger["decisions"]!.AsArray().Select(d => (string?)d!["reason"]).Should().Contain(["noConsent", "noObjection", "legalBasis"]);
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(2, "reading decisions records nothing");
    }

    [Theory]
    [InlineData("cpm/decisions", "userId")]
    [InlineData("cpm/decisions?userId=", "userId")]
    [InlineData("cpm/decisions?userId=%20%20", "userId")]
    [InlineData("cpm/decisions?userId=a%01b", "userId")]
    [InlineData("cpm/decisions?userId=u&purpose=Marketing", "purpose")]
    [InlineData("cpm/decisions?userId=u&channel=SMS!", "channel")]
    public async Task A_bad_decisions_query_gets_400_naming_the_parameter(string path, string field)
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);

        using HttpResponseMessage response = await site.Http.SendAsync(ApiSite.Get(path));
        (int status, string? contentType, JsonObject problem) = await ApiSite.ReadProblemAsync(response);

        status.Should().Be(400);
        contentType.Should().Be("application/problem+json");
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(field);
    }

    [Fact]
    public async Task An_alias_is_linked_normalised_and_resolves_and_a_bad_one_gets_400_naming_the_field()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);

        using HttpResponseMessage linked = await site.Http.SendAsync(ApiSite.Post("cpm/aliases", """{"userId":"user-42","alias":"phone:+86 138-0000-0000"}"""));
        string text = await linked.Content.ReadAsStringAsync();

        linked.StatusCode.Should().Be(HttpStatusCode.OK, text);
        JsonNode answer = JsonNode.Parse(text)!;
        ((string?)answer["alias"]).Should().Be("phone:+8613800000000");
        ((string?)answer["userId"]).Should().Be("user-42");
        site.Client.Resolve("phone:0086 138 0000 0000").Should().Be("user-42");

        foreach ((string body, string field) in new[]
        {
            ("""{"userId":"user-42","alias":"fax:123"}""", "alias"),
            ("""{"userId":"user-42","alias":"phone"}""", "alias"),
            ("""{"userId":"user-42"}""", "alias"),
            ("""{"alias":"phone:+8613900000000"}""", "userId"),
            ("""{"userId":"","alias":"phone:+8613900000000"}""", "userId"),
            ("""{"userId":"user-42","alias":"phone:+8613900000000","kind":"phone"}""", "kind"),
            ("""{"userId":"user-42","alias":7}""", "alias"),
        })
        {
            using HttpResponseMessage refused = await site.Http.SendAsync(ApiSite.Post("cpm/aliases", body));
            (int status, _, JsonObject problem) = await ApiSite.ReadProblemAsync(refused);
            status.Should().Be(400, body);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal([field], body);
        }

        site.Client.Resolve("phone:+8613900000000").Should().BeNull("nothing refused was linked");
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(1, "only the first link is stored");
    }

    private static async Task<JsonObject> GetJsonAsync(TestSite site, string path)
    {
        using HttpResponseMessage response = await site.Http.SendAsync(ApiSite.Get(path));
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static (bool Allowed, string? Reason, string? RecordId) Decision(JsonArray decisions, string purpose, string channel)
    {
        JsonNode found = decisions.Single(d => (string?)d!["purpose"] == purpose && (string?)d["channel"] == channel)!;
        return ((bool)found["allowed"]!, (string?)found["reason"], (string?)found["recordId"]);
    }
}
