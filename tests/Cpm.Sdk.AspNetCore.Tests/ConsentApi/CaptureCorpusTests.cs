using System.Net;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>
/// The capture endpoint's bad-input corpus: each bad request gets 400 with a problem details body whose errors name
/// the field as the request spells it, and the store holds exactly what it held before (no event at all, for anyone).
/// </summary>
public sealed class CaptureCorpusTests(CaptureCorpusTests.CorpusSite site) : IClassFixture<CaptureCorpusTests.CorpusSite>
{
    private static readonly string Long257 = new('u', 257);

    /// <summary>
    /// Stands for "an hour from now" in a body of the corpus, replaced when the case runs: the cases' data stays the same
    /// from one test discovery to the next (a case whose arguments change between discovery and run is a different case).
    /// </summary>
    private const string AnHourAhead = "@an-hour-from-now";

    public static TheoryData<string, string, string> Corpus => new()
    {
        { "missing user id", ApiSite.Captures(ApiSite.Item(change: i => i.Remove("userId"))), "captures[0].userId" },
        { "empty user id", ApiSite.Captures(ApiSite.Item(userId: "")), "captures[0].userId" },
        { "whitespace user id", ApiSite.Captures(ApiSite.Item(userId: "  \t")), "captures[0].userId" },
        { "user id of 257 characters", ApiSite.Captures(ApiSite.Item(userId: Long257)), "captures[0].userId" },
        { "user id with a control character", ApiSite.Captures(ApiSite.Item(userId: "vic\u0001tim")), "captures[0].userId" },
        { "null user id", ApiSite.Captures(ApiSite.Item(change: i => i["userId"] = null)), "captures[0].userId" },
        { "user id as a number", ApiSite.Captures(ApiSite.Item(change: i => i["userId"] = 42)), "captures[0].userId" },
        { "unknown purpose", ApiSite.Captures(ApiSite.Item(purpose: "profiling")), "captures[0].purpose" },
        { "upper-case purpose", ApiSite.Captures(ApiSite.Item(purpose: "Marketing")), "captures[0].purpose" },
        { "purpose of 65 characters", ApiSite.Captures(ApiSite.Item(purpose: new string('m', 65))), "captures[0].purpose" },
        { "missing purpose", ApiSite.Captures(ApiSite.Item(change: i => i.Remove("purpose"))), "captures[0].purpose" },
        { "unknown channel", ApiSite.Captures(ApiSite.Item(channel: "fax")), "captures[0].channel" },
        { "injection as channel", ApiSite.Captures(ApiSite.Item(channel: "sms'; DROP TABLE state;--")), "captures[0].channel" },
        { "missing channel", ApiSite.Captures(ApiSite.Item(change: i => i.Remove("channel"))), "captures[0].channel" },
        { "unknown choice", ApiSite.Captures(ApiSite.Item(choice: "yes")), "captures[0].choice" },
        { "choice in another case", ApiSite.Captures(ApiSite.Item(choice: "Granted")), "captures[0].choice" },
        { "missing choice", ApiSite.Captures(ApiSite.Item(change: i => i.Remove("choice"))), "captures[0].choice" },
        { "choice as a number", ApiSite.Captures(ApiSite.Item(change: i => i["choice"] = 0)), "captures[0].choice" },
        { "policy version 0", ApiSite.Captures(ApiSite.Item(change: i => i["policyVersion"] = 0)), "captures[0].policyVersion" },
        { "negative policy version", ApiSite.Captures(ApiSite.Item(change: i => i["policyVersion"] = -2)), "captures[0].policyVersion" },
        { "policy version as a string", ApiSite.Captures(ApiSite.Item(change: i => i["policyVersion"] = "2")), "captures[0].policyVersion" },
        { "policy version beyond int", ApiSite.Captures(ApiSite.Item(change: i => i["policyVersion"] = 99_999_999_999L)), "captures[0].policyVersion" },
        { "policy version with a fraction", ApiSite.Captures(ApiSite.Item(change: i => i["policyVersion"] = 1.5)), "captures[0].policyVersion" },
        { "source with capitals", ApiSite.Captures(ApiSite.Item(change: i => i["source"] = "Web!")), "captures[0].source" },
        { "source of 65 characters", ApiSite.Captures(ApiSite.Item(change: i => i["source"] = new string('s', 65))), "captures[0].source" },
        { "jurisdiction of 33 characters", ApiSite.Captures(ApiSite.Item(change: i => i["jurisdiction"] = new string('J', 33))), "captures[0].jurisdiction" },
        { "empty jurisdiction", ApiSite.Captures(ApiSite.Item(change: i => i["jurisdiction"] = "")), "captures[0].jurisdiction" },
        { "occurred an hour ahead", ApiSite.Captures(ApiSite.Item(change: i => i["occurredAt"] = AnHourAhead)), "captures[0].occurredAt" },
        { "occurred before 1970", ApiSite.Captures(ApiSite.Item(change: i => i["occurredAt"] = "1969-12-31T00:00:00Z")), "captures[0].occurredAt" },
        { "occurredAt not a date", ApiSite.Captures(ApiSite.Item(change: i => i["occurredAt"] = "yesterday")), "captures[0].occurredAt" },
        { "expires before it occurred", ApiSite.Captures(ApiSite.Item(change: i => { i["occurredAt"] = "2026-01-02T00:00:00Z"; i["expiresAt"] = "2026-01-01T00:00:00Z"; })), "captures[0].expiresAt" },
        { "evidence over 16 KiB", ApiSite.Captures(ApiSite.Item(change: i => i["evidence"] = new JsonObject { ["text"] = new string('x', 16 * 1024) })), "captures[0].evidence" },
        { "evidence with a null value", ApiSite.Captures(ApiSite.Item(change: i => i["evidence"] = new JsonObject { ["form"] = null })), "captures[0].evidence" },
        { "evidence with a blank key", ApiSite.Captures(ApiSite.Item(change: i => i["evidence"] = new JsonObject { [" "] = "x" })), "captures[0].evidence" },
        { "evidence value not a string", ApiSite.Captures(ApiSite.Item(change: i => i["evidence"] = new JsonObject { ["form"] = 3 })), "captures[0].evidence.form" },
        { "evidence not an object", ApiSite.Captures(ApiSite.Item(change: i => i["evidence"] = "ip=1.2.3.4")), "captures[0].evidence" },
        { "frequency with a denial", ApiSite.Captures(ApiSite.Item(choice: "denied", change: i => i["frequency"] = new JsonObject { ["maxSends"] = 1, ["period"] = "week" })), "captures[0].frequency" },
        { "frequency of 0 sends", ApiSite.Captures(ApiSite.Item(change: i => i["frequency"] = new JsonObject { ["maxSends"] = 0, ["period"] = "week" })), "captures[0].frequency" },
        { "frequency over 10,000 sends", ApiSite.Captures(ApiSite.Item(change: i => i["frequency"] = new JsonObject { ["maxSends"] = 10_001, ["period"] = "day" })), "captures[0].frequency" },
        { "unknown frequency period", ApiSite.Captures(ApiSite.Item(change: i => i["frequency"] = new JsonObject { ["maxSends"] = 1, ["period"] = "fortnight" })), "captures[0].frequency.period" },
        { "unknown frequency field", ApiSite.Captures(ApiSite.Item(change: i => i["frequency"] = new JsonObject { ["maxSends"] = 1, ["period"] = "week", ["per"] = "user" })), "captures[0].frequency.per" },
        { "bundled grant of a separate purpose", ApiSite.Captures(ApiSite.Item(purpose: "transfer")), "captures[0].separate" },
        { "separate as a string", ApiSite.Captures(ApiSite.Item(purpose: "transfer", change: i => i["separate"] = "true")), "captures[0].separate" },
        { "misspelt field", ApiSite.Captures(ApiSite.Item(change: i => i["expiresAtt"] = "2030-01-01T00:00:00Z")), "captures[0].expiresAtt" },
        { "field given twice", """{"captures":[{"userId":"victim","purpose":"marketing","purpose":"analytics","channel":"sms","choice":"granted"}]}""", "captures[0].purpose" },
        { "captures missing", "{}", "captures" },
        { "captures null", """{"captures":null}""", "captures" },
        { "no captures", ApiSite.Captures(), "captures" },
        { "captures not an array", """{"captures":{"userId":"victim"}}""", "captures" },
        { "a null capture", ApiSite.Captures(ApiSite.Item(userId: "bystander"), null), "captures[1]" },
        { "101 captures", ApiSite.Captures([.. Enumerable.Range(0, 101).Select(i => ApiSite.Item(userId: $"bystander-{i}"))]), "captures" },
        { "one bad among three", ApiSite.Captures(ApiSite.Item(userId: "bystander"), ApiSite.Item(), ApiSite.Item(purpose: "profiling")), "captures[2].purpose" },
        { "one bad choice among three", ApiSite.Captures(ApiSite.Item(userId: "bystander"), ApiSite.Item(choice: "maybe"), ApiSite.Item()), "captures[1].choice" },
        { "one bad user among three", ApiSite.Captures(ApiSite.Item(userId: "bystander"), ApiSite.Item(), ApiSite.Item(userId: "")), "captures[2].userId" },
        { "truncated JSON", """{"captures":[{"userId":"victim","purpose":""", "captures[0].purpose" },
        { "not JSON at all", "userId=victim&purpose=marketing", "body" },
        { "a JSON null", "null", "body" },
        { "a JSON array", "[]", "body" },
        { "empty body", "", "body" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_request_gets_400_naming_the_field_and_stores_nothing(string name, string body, string field)
    {
        long before = (await site.Web.Client.GetCheckpointAsync()).Size;
        body = body.Replace(AnHourAhead, DateTimeOffset.UtcNow.AddHours(1).ToString("O"), StringComparison.Ordinal);

        using HttpResponseMessage response = await site.Web.Http.SendAsync(ApiSite.Post("cpm/consents", body));
        (int status, string? contentType, JsonObject problem) = await ApiSite.ReadProblemAsync(response);

        status.Should().Be(400, name);
        contentType.Should().Be("application/problem+json", name);
        ((int?)problem["status"]).Should().Be(400, name);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal([field], name);
        ((string?)problem["errors"]![field]![0]).Should().NotBeNullOrWhiteSpace(name);
        ((string?)problem["title"]).Should().Contain("nothing was stored", name);
        (await site.Web.Client.GetCheckpointAsync()).Size.Should().Be(before, $"{name}: nothing is stored");
        (await site.Web.Client.GetHistoryAsync("victim")).Should().BeEmpty(name);
        (await site.Web.Client.GetHistoryAsync("bystander")).Should().BeEmpty(name);
        before.Should().Be(0, "no request of the corpus ever stored anything");
    }

    [Fact]
    public void The_corpus_is_large_and_its_names_distinct()
    {
        Corpus.Count().Should().BeGreaterThanOrEqualTo(50);
        Corpus.Select(row => (string)row[0]).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415_and_one_over_the_size_limit_413()
    {
        using HttpResponseMessage text = await site.Web.Http.SendAsync(ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item()), contentType: "text/plain"));
        using HttpResponseMessage huge = await site.Web.Http.SendAsync(ApiSite.Post(
            "cpm/consents", ApiSite.Captures(ApiSite.Item(change: i => i["evidence"] = new JsonObject { ["text"] = new string('x', 1024 * 1024) }))));

        text.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, "the endpoint accepts application/json only");
        (int status, string? contentType, JsonObject problem) = await ApiSite.ReadProblemAsync(huge);
        status.Should().Be((int)HttpStatusCode.RequestEntityTooLarge);
        contentType.Should().Be("application/problem+json");
        ((string?)problem["detail"]).Should().Contain("1048576 bytes");
        (await site.Web.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    [Fact]
    public async Task No_log_line_holds_a_refused_value()
    {
        int before = site.Web.Logs.Lines.Count;
        using HttpResponseMessage response = await site.Web.Http.SendAsync(ApiSite.Post(
            "cpm/consents",
            ApiSite.Captures(ApiSite.Item(userId: "secret-person-7", change: i => i["evidence"] = new JsonObject { ["+8613800000000"] = 3 }))));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        site.Web.Logs.Lines.Skip(before).Should().Contain(l => l.Contains("refused a request: body is invalid", StringComparison.Ordinal), "a body the JSON reader refuses is logged as the body");
        site.Web.Logs.Lines.Should().NotContain(l => l.Contains("secret-person-7", StringComparison.Ordinal) || l.Contains("8613800000000", StringComparison.Ordinal));
    }

    /// <summary>One site for the whole corpus: the rows run one after another, and none may store anything.</summary>
    public sealed class CorpusSite : IAsyncLifetime
    {
        private readonly TempStore _store = new();

        internal TestSite Web { get; private set; } = null!;

        public async Task InitializeAsync() => Web = await ApiSite.StartAsync(_store);

        public async Task DisposeAsync()
        {
            await Web.DisposeAsync();
            _store.Dispose();
        }
    }
}
