using Microsoft.Net.Http.Headers;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>The request <c>Content-Type</c> a push must carry: <c>application/json</c>, UTF-8 (docs/protocol.md §1).</summary>
internal static class JsonMediaType
{
    public const string Required = "application/json; charset=utf-8";

    /// <summary>
    /// Whether <paramref name="contentType"/> is <c>application/json</c> (any case) with no charset or with
    /// <c>charset=utf-8</c>. A missing header, another media type or another charset is refused with 415.
    /// </summary>
    public static bool IsAccepted(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed)
            || !parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string? charset = parsed.Charset.HasValue ? HeaderUtilities.RemoveQuotes(parsed.Charset).ToString() : null;
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }
}
