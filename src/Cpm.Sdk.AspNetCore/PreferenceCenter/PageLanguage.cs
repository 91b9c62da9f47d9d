using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// The page's language: the <c>lang</c> query (the visible switch, remembered in a cookie), else the cookie, else the
/// best supported match in <c>Accept-Language</c>, else the configured default.
/// </summary>
internal static class PageLanguage
{
    public const string English = "en";
    public const string Chinese = "zh-CN";
    public const string QueryKey = "lang";

    public static IReadOnlyList<string> Supported { get; } = [English, Chinese];

    public static bool IsSupported(string? language) => Normalize(language) is not null;

    /// <summary>The supported language <paramref name="value"/> names exactly (case aside), or <see langword="null"/>.</summary>
    public static string? Normalize(string? value) =>
        string.Equals(value, English, StringComparison.OrdinalIgnoreCase) ? English
        : string.Equals(value, Chinese, StringComparison.OrdinalIgnoreCase) ? Chinese
        : null;

    /// <summary>Picks the language for this request; a valid <c>lang</c> query is stored in the cookie for the next ones.</summary>
    public static string Resolve(HttpContext context, PreferenceCenterOptions options)
    {
        HttpRequest request = context.Request;
        if (Normalize(request.Query[QueryKey]) is { } chosen)
        {
            context.Response.Cookies.Append(options.LanguageCookieName, chosen, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                Secure = request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
            return chosen;
        }

        return Normalize(request.Cookies[options.LanguageCookieName])
            ?? FromAcceptLanguage(request.Headers.AcceptLanguage)
            ?? Normalize(options.DefaultLanguage)
            ?? English;
    }

    /// <summary>The supported language of the highest-quality range in <c>Accept-Language</c>: <c>zh</c>* is zh-CN, <c>en</c>* is en.</summary>
    public static string? FromAcceptLanguage(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out IList<StringWithQualityHeaderValue>? ranges))
        {
            return null;
        }

        foreach (StringWithQualityHeaderValue range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            string tag = range.Value.Value ?? "";
            if (IsRange(tag, "zh"))
            {
                return Chinese;
            }

            if (IsRange(tag, "en"))
            {
                return English;
            }
        }

        return null;
    }

    private static bool IsRange(string tag, string primary) =>
        tag.StartsWith(primary, StringComparison.OrdinalIgnoreCase) && (tag.Length == primary.Length || tag[primary.Length] == '-');
}
