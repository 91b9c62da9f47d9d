namespace Cpm.Sdk.Model;

/// <summary>
/// Purpose ids as dot paths (DESIGN.md, "Topics are child purposes"): <c>marketing.promotions</c> is a topic under
/// <c>marketing</c>. A path's parts are separated by single dots; an id with an empty part (<c>marketing.</c>,
/// <c>a..b</c>) is not a topic of anything.
/// </summary>
internal static class PurposePath
{
    /// <summary>The deepest a purpose id of at most 64 characters can be: 32 one-character parts.</summary>
    public const int MaxDepth = 32;

    /// <summary>The id of the parent of <paramref name="purpose"/>, or an empty span for a root (or an id with an empty part).</summary>
    public static ReadOnlySpan<char> Parent(ReadOnlySpan<char> purpose)
    {
        int dot = purpose.LastIndexOf('.');
        return dot <= 0 || dot == purpose.Length - 1 || purpose[dot - 1] == '.' ? default : purpose[..dot];
    }

    /// <summary>
    /// Whether <paramref name="purpose"/> is a well-formed dot path: no empty part, so that each of its ancestors is
    /// itself a purpose id.
    /// </summary>
    public static bool IsPath(ReadOnlySpan<char> purpose) =>
        purpose.Length > 0 && purpose[0] != '.' && purpose[^1] != '.' && !purpose.Contains("..", StringComparison.Ordinal);
}
