using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.ConsentApi;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>
/// The refusal log line: one per refused request, naming the field and never the caller's text (a user id, an evidence
/// key or value, a misspelt field name), at most 100 characters of field.
/// </summary>
public sealed class ConsentApiLogTests
{
    private const string Secret = "+8613800000000";

    [Fact]
    public async Task Each_refused_request_logs_one_line_naming_its_field_and_none_of_its_text()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);
        (string Path, string Body, string Field)[] cases =
        [
            ("cpm/consents", ApiSite.Captures(ApiSite.Item(userId: Secret, change: i => i["evidence"] = new JsonObject { [Secret] = null })), "captures[0].evidence"),
            ("cpm/consents", ApiSite.Captures(ApiSite.Item(userId: Secret, change: i => i["evidence"] = new JsonObject { [Secret] = 3 })), "body"),
            ("cpm/consents", ApiSite.Captures(ApiSite.Item(userId: Secret, change: i => i[Secret + new string('f', 150)] = "x")), "body"),
            ("cpm/consents", ApiSite.Captures(ApiSite.Item(userId: Secret), ApiSite.Item(userId: Secret, choice: "maybe")), "captures[1].choice"),
            ("cpm/consents", ApiSite.Captures(ApiSite.Item(userId: Secret, purpose: "profiling")), "captures[0].purpose"),
            ("cpm/consents", ApiSite.Captures(), "captures"),
            ("cpm/aliases", $$"""{"userId":"{{Secret}}","alias":"fax:{{Secret}}"}""", "alias"),
        ];

        foreach ((string path, string body, string field) in cases)
        {
            int before = site.Logs.Lines.Count;
            using HttpResponseMessage response = await site.Http.SendAsync(ApiSite.Post(path, body));

            ((int)response.StatusCode).Should().Be(400, body);
            string[] refusals = [.. site.Logs.Lines.Skip(before).Where(l => l.Contains("refused a request", StringComparison.Ordinal))];
            refusals.Should().ContainSingle(body).Which.Should().Contain($"refused a request: {field} is invalid; nothing was stored", body);
        }

        string digits = Secret.TrimStart('+');
        site.Logs.Lines.Should().NotContain(l => l.Contains(digits, StringComparison.Ordinal), "no user id, evidence key or alias is logged");
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    [Theory]
    [InlineData("captures[0].evidence.+8613800000000", "captures[0].evidence")]
    [InlineData("captures[3].evidence", "captures[3].evidence")]
    [InlineData("captures[0].evidence.a.b.evidence.c", "captures[0].evidence")]
    [InlineData("captures[0].purpose", "captures[0].purpose")]
    [InlineData("body", "body")]
    public void A_refused_field_is_logged_up_to_its_evidence_and_no_further(string field, string logged)
    {
        Logged(field).Should().Be(logged);
    }

    [Fact]
    public void A_refused_field_is_logged_to_100_characters_at_most()
    {
        string hundred = "captures[0]." + new string('x', 88);
        string longer = hundred + "-then-the-caller's-own-text";

        Logged(hundred).Should().Be(hundred);
        Logged(longer).Should().Be(hundred);
        Logged(longer + ".evidence.key").Should().Be(hundred);
    }

    /// <summary>The field a refusal's log line names, as written through a real logger.</summary>
    private static string Logged(string field)
    {
        var logs = new LogCapture();
        ILogger logger = logs.CreateLogger(ConsentApiLog.Category);

        ConsentApiLog.Refused(logger, field);

        string line = logs.Lines.Should().ContainSingle().Subject;
        line.Should().StartWith($"Information {ConsentApiLog.Category} Cpm consent API refused a request: ");
        return line.Split(" | ").Single(part => part.StartsWith("Field=", StringComparison.Ordinal))["Field=".Length..];
    }
}
