using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>
/// Reads a JSON request body by hand, so that every way it can be wrong gets a problem details answer naming the field:
/// not JSON (415), too large (413), malformed, a wrong type, an unknown or repeated field (400).
/// </summary>
internal static class ApiBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer (logged as a refused body, never its content).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long limit, ILogger logger)
        where T : class
    {
        (T? value, IResult? problem) = await ParseAsync(context.Request, type, limit, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            ConsentApiLog.Refused(logger, "body");
        }

        return (value, problem);
    }

    private static async Task<(T? Value, IResult? Problem)> ParseAsync<T>(HttpRequest request, JsonTypeInfo<T> type, long limit, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON (Content-Type: application/json)."));
        }

        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        // Stryker disable once Block,Statement : equivalent. Returning the chunk only lets the pool lend it again; one never returned is collected like any array.
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        try
        {
            T? value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
            return value is null
                ? (null, ApiProblems.Field("body", "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Field(ApiProblems.FieldOf(ex), ApiProblems.DescribeJson(ex)));
        }
    }

    private static IResult TooLarge(long limit) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
}
