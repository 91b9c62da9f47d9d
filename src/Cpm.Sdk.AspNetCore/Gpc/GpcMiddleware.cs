using System.Text.Json;
using Cpm.Sdk.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Gpc;

/// <summary>
/// Global Privacy Control: serves <c>/.well-known/gpc.json</c>, tells the request whether it carries the signal
/// (<see cref="IGlobalPrivacyControlFeature"/>), and for a signed-in person records the opt-out before the request goes
/// on, so the rest of the pipeline already sees it in the gate.
/// </summary>
internal sealed class GpcMiddleware(RequestDelegate next, GpcOptOut optOut, IOptions<CpmGpcOptions> gpcOptions, IOptions<CpmHttpOptions> httpOptions)
{
    public const string WellKnownPath = "/.well-known/gpc.json";

    private readonly byte[] _wellKnown = WellKnown(gpcOptions.Value.LastUpdate);

    public async Task InvokeAsync(HttpContext context)
    {
        if (gpcOptions.Value.ServeWellKnown
            && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.Request.Path.Equals(WellKnownPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = _wellKnown.Length;
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(_wellKnown, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        bool signal = GpcSignal.IsPresent(context.Request.Headers[GpcSignal.Header]);
        context.Features.Set<IGlobalPrivacyControlFeature>(signal ? GpcFeature.Present : GpcFeature.Absent);
        if (signal)
        {
            if (HttpUser.IdOf(context, httpOptions.Value, out string? refused) is { } userId)
            {
                await optOut.ApplyAsync(userId, () => HttpEvidence.Of(context), context.RequestAborted).ConfigureAwait(false);
            }
            else if (refused is not null)
            {
                optOut.RefuseUser(refused);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary><c>{"gpc":true,"lastUpdate":"YYYY-MM-DD"}</c>, the resource the GPC specification defines.</summary>
    private static byte[] WellKnown(DateOnly? lastUpdate)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("gpc", true);
            if (lastUpdate is { } date)
            {
                json.WriteString("lastUpdate", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
