using System.Text.Json;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>
/// <c>GET {prefix}/decisions?userId=...</c>: the gate's answer now for every purpose of the catalog on every channel
/// (or the one purpose or channel asked for), each with its reason. Read from memory; nothing is recorded.
/// </summary>
internal static class DecisionsEndpoint
{
    public static IResult Handle(
        HttpContext context,
        [FromQuery] string? userId,
        [FromQuery] string? purpose,
        [FromQuery] string? channel,
        [FromServices] CpmClient client,
        [FromServices] IOptions<CpmConsentApiOptions> apiOptions,
        [FromServices] IOptions<CpmHttpOptions> httpOptions)
    {
        string? person = ApiCaller.Person(context, apiOptions.Value, httpOptions.Value, userId, "userId", out IResult? refusal);
        if (refusal is not null)
        {
            return refusal;
        }

        if (WireRules.UserIdProblem(person) is { } problem)
        {
            return ApiProblems.Field("userId", problem);
        }

        if (purpose is not null && WireRules.IdProblem("Purpose", purpose) is { } purposeProblem)
        {
            return ApiProblems.Field("purpose", purposeProblem);
        }

        if (channel is not null && WireRules.IdProblem("Channel", channel) is { } channelProblem)
        {
            return ApiProblems.Field("channel", channelProblem);
        }

        IEnumerable<string> purposes = purpose is null ? client.Purposes.Select(p => p.Id) : [purpose];
        IReadOnlyList<string> channels = channel is null ? client.Channels : [channel];
        var decisions = new List<CpmDecision>();
        foreach (string p in purposes)
        {
            foreach (string c in channels)
            {
                ConsentDecision decision = client.Evaluate(person!, p, c);
                decisions.Add(new CpmDecision(p, c, decision.IsAllowed, JsonNamingPolicy.CamelCase.ConvertName(decision.Reason.ToString()), decision.RecordId));
            }
        }

        return TypedResults.Json(new CpmDecisionsResponse(person!, decisions), ConsentApiJson.Default.CpmDecisionsResponse);
    }
}
