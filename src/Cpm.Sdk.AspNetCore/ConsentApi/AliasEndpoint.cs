using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary><c>POST {prefix}/aliases</c>: points an alias (<c>phone:+86...</c>) to a person, as <see cref="IDataSubjectRights.LinkAsync"/> does.</summary>
internal static class AliasEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        [FromServices] CpmClient client,
        [FromServices] IOptions<CpmConsentApiOptions> apiOptions,
        [FromServices] IOptions<CpmHttpOptions> httpOptions,
        [FromServices] ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger(ConsentApiLog.Category);
        (CpmLinkRequest? request, IResult? problem) = await ApiBody.ReadAsync(
            context, ConsentApiJson.Default.CpmLinkRequest, apiOptions.Value.MaxRequestBodySize, logger).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string? userId = ApiCaller.Person(context, apiOptions.Value, httpOptions.Value, request!.UserId, "userId", out IResult? refusal);
        if (refusal is not null)
        {
            return refusal;
        }

        ConsentRecord link;
        try
        {
            link = await client.LinkAsync(userId!, request.Alias!, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException refused)
        {
            return ApiProblems.Refused(logger, refused);
        }

        ConsentApiLog.Linked(logger);
        return TypedResults.Json(new CpmLinkResponse(link.Id, link.UserId, link.Alias!, WireFormat.FormatTimestamp(link.OccurredAt)), ConsentApiJson.Default.CpmLinkResponse);
    }
}
