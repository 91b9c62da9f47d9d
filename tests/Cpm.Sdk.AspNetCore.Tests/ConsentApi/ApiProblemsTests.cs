using System.Net;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.ConsentApi;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>
/// How a refusal reaches the caller: the field as the JSON spells it (the body when none can be named) and the reason,
/// the SDK's own without the framework's "(Parameter '...')" suffix, or what broke the JSON without the serializer's type names.
/// </summary>
public sealed class ApiProblemsTests
{
    [Theory]
    [InlineData(null, "body")]
    [InlineData("", "body")]
    [InlineData("alias", "alias")]
    [InlineData("UserId", "userId")]
    [InlineData("captures[1].PolicyVersion", "captures[1].policyVersion")]
    [InlineData("captures[0].Frequency.Period", "captures[0].frequency.period")]
    public void A_parameter_name_becomes_the_field_the_json_spells(string? parameter, string field)
    {
        ApiProblems.FieldOf(parameter).Should().Be(field);
    }

    public static TheoryData<string, ArgumentException, string, string> Refusals => new()
    {
        { "with a parameter", new ArgumentException("Purpose 'x' is not in the catalog.", "captures[0].Purpose"), "captures[0].purpose", "Purpose 'x' is not in the catalog." },
        { "without a parameter", new ArgumentException("The batch is empty."), "body", "The batch is empty." },
        { "an empty reason", new ArgumentException("", "alias"), "alias", "" },
        { "a null argument", new ArgumentNullException("captures[2]"), "captures[2]", "Value cannot be null." },
        { "out of range", new ArgumentOutOfRangeException("captures[0].PolicyVersion", 0, "PolicyVersion must be at least 1."), "captures[0].policyVersion", "PolicyVersion must be at least 1." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void An_sdk_refusal_answers_400_naming_the_field_with_the_sdks_reason_alone(string name, ArgumentException refused, string field, string reason)
    {
        var problem = (ValidationProblem)ApiProblems.From(refused);

        problem.StatusCode.Should().Be(400, name);
        problem.ProblemDetails.Title.Should().Be(ApiProblems.InvalidTitle, name);
        problem.ProblemDetails.Errors.Should().ContainSingle(name).Which.Key.Should().Be(field, name);
        problem.ProblemDetails.Errors[field].Should().Equal([reason], name);
    }

    [Fact]
    public async Task Json_the_reader_refuses_gets_400_naming_where_it_broke_and_why()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);
        string item = ApiSite.Item().ToJsonString();
        (string Body, string Field, string Reason)[] cases =
        [
            ($$"""{"captures":[{{item}}],"note":"x"}""", "note", "This API has no such field."),
            ("""{"captures":[{"userId":"victim","purpose":"marketing","purpose":"analytics","channel":"sms","choice":"granted"}]}""", "captures[0].purpose", "The field is given twice."),
            ("userId=victim&purpose=marketing", "body", "The body is not well-formed JSON."),
            ("", "body", "The body is not well-formed JSON."),
            ("""{"captures":[{"userId":"victim","policyVersion":"2"}]}""", "captures[0].policyVersion", "Malformed JSON, or a value of the wrong type."),
            ("""{"captures":[{"userId":"victim","purpose":""", "captures[0].purpose", "Malformed JSON, or a value of the wrong type."),
        ];

        foreach ((string body, string field, string reason) in cases)
        {
            using HttpResponseMessage response = await site.Http.SendAsync(ApiSite.Post("cpm/consents", body));
            (int status, _, JsonObject problem) = await ApiSite.ReadProblemAsync(response);

            status.Should().Be(400, body);
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal([field], body);
            ((string?)problem["errors"]![field]![0]).Should().Be(reason, body);
        }

        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    [Fact]
    public async Task The_sdks_reasons_reach_the_caller_without_the_parameter_suffix()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);

        using HttpResponseMessage capture = await site.Http.SendAsync(ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item(), ApiSite.Item(purpose: "profiling"))));
        using HttpResponseMessage link = await site.Http.SendAsync(ApiSite.Post("cpm/aliases", """{"userId":"user-42","alias":"fax:123"}"""));

        (int captureStatus, _, JsonObject captureProblem) = await ApiSite.ReadProblemAsync(capture);
        captureStatus.Should().Be((int)HttpStatusCode.BadRequest);
        ((string?)captureProblem["errors"]!["captures[1].purpose"]![0]).Should().Be("Purpose 'profiling' is not in the catalog.");
        (int linkStatus, _, JsonObject linkProblem) = await ApiSite.ReadProblemAsync(link);
        linkStatus.Should().Be((int)HttpStatusCode.BadRequest);
        string reason = (string)linkProblem["errors"]!["alias"]![0]!;
        reason.Should().NotBeNullOrWhiteSpace().And.NotContain("(Parameter").And.NotContain("alias')");
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }
}
