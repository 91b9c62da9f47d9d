using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary><c>POST {prefix}/consents</c>: records one or several choices, all of them or none.</summary>
internal static class CaptureEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        [FromServices] CpmClient client,
        [FromServices] IOptions<CpmConsentApiOptions> apiOptions,
        [FromServices] IOptions<CpmHttpOptions> httpOptions,
        [FromServices] ILoggerFactory loggers)
    {
        CpmConsentApiOptions api = apiOptions.Value;
        ILogger logger = loggers.CreateLogger(ConsentApiLog.Category);
        (CpmCaptureRequest? request, IResult? problem) = await ApiBody.ReadAsync(
            context, ConsentApiJson.Default.CpmCaptureRequest, api.MaxRequestBodySize, logger).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        List<CpmCaptureItem?> items = request!.Captures ?? [];
        if (items.Count is 0 || items.Count > api.MaxCapturesPerRequest)
        {
            ConsentApiLog.Refused(logger, "captures");
            return ApiProblems.Field("captures", $"Between 1 and {api.MaxCapturesPerRequest} captures are recorded at once.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var captures = new ConsentCapture?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            string? userId = ApiCaller.Person(context, api, httpOptions.Value, items[i]?.UserId, $"captures[{i}].userId", out IResult? refusal);
            if (refusal is not null)
            {
                return refusal;
            }

            captures[i] = CaptureMapper.Map(items[i], i, userId, api.Source, context, errors);
        }

        if (errors.Count > 0)
        {
            ConsentApiLog.Refused(logger, errors.Keys.First());
            return ApiProblems.Fields(errors);
        }

        IReadOnlyList<ConsentRecord> records;
        try
        {
            records = await client.RecordAllAsync(captures!, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException refused)
        {
            return ApiProblems.Refused(logger, refused);
        }

        ConsentApiLog.Recorded(logger, records.Count);
        return TypedResults.Json(
            new CpmRecordsResponse([.. records.Select(CaptureMapper.ToResponse)]), ConsentApiJson.Default.CpmRecordsResponse);
    }
}
