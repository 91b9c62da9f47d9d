using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>Writes protocol bodies: JSON through the SDK's wire serializers.</summary>
internal static class WireResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes <c>{"error":message}</c> with <paramref name="statusCode"/>.</summary>
    public static Task ErrorAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(
            new WireError { Error = message }, ProtocolJson.WireError, JsonContentType, context.RequestAborted);
    }

    /// <summary>A handler answering 405 with the <c>Allow</c> header, for a known path asked with another method.</summary>
    public static RequestDelegate MethodNotAllowed(string allow) => context =>
    {
        context.Response.Headers.Allow = allow;
        return ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"method not allowed; use {allow}");
    };
}
