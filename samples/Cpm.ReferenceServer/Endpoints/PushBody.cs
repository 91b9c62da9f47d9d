using System.Text.Json;
using System.Text.Unicode;
using Cpm.ReferenceServer.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// Reads a push body as a JSON document. Refusals carry this server's own short messages, never a parser's text.
/// </summary>
internal static class PushBody
{
    /// <summary>The parsed body, or the status and message that refuse it.</summary>
    public static async Task<(JsonDocument? Document, int Status, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!JsonMediaType.IsAccepted(request.ContentType))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be {JsonMediaType.Required}");
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= ServerApp.MaxRequestBodyBytes ? (int)request.ContentLength.Value : 0);
        try
        {
            // Kestrel stops the read past MaxRequestBodySize, whether the length was announced or not.
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ex.StatusCode, $"request body is larger than {ServerApp.MaxRequestBodyBytes / (1024 * 1024)} MiB");
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode, "request body could not be read");
        }

        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!Utf8.IsValid(body.Span))
        {
            return (null, StatusCodes.Status400BadRequest, "request body is not valid UTF-8");
        }

        try
        {
            // The document reads the array in place; disposing a MemoryStream leaves its array to the garbage collector.
            return (JsonDocument.Parse(body), StatusCodes.Status200OK, null);
        }
        catch (JsonException)
        {
            return (null, StatusCodes.Status400BadRequest, "request body is not valid JSON");
        }
    }
}
