using Cpm.Sdk.Sync.Protocol;
using Microsoft.AspNetCore.Http;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>Writes protocol bodies: JSON through the SDK's source-generated context.</summary>
internal static class WireResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes <c>{"error":message}</c> with <paramref name="statusCode"/>.</summary>
    public static Task ErrorAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(
            new WireError { Error = message }, ProtocolJson.Default.WireError, JsonContentType, context.RequestAborted);
    }
}
