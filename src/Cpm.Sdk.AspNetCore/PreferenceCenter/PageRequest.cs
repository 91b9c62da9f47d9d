using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Cpm.Sdk.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// What every preference-centre request shares: the signed-in person (none: 401), the language, the group's base path,
/// antiforgery (a post without a valid token: 400, nothing read further), and the responses.
/// </summary>
internal sealed class PageRequest
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private PageRequest(HttpContext http, PreferenceCenterContext context, string userId, string basePath)
    {
        Http = http;
        Context = context;
        UserId = userId;
        BasePath = basePath;
        Antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
    }

    public HttpContext Http { get; }

    public PreferenceCenterContext Context { get; }

    public string UserId { get; }

    /// <summary>The group's path without a trailing slash (empty for a group at the root): sub-paths are appended to it.</summary>
    public string BasePath { get; }

    /// <summary>The main page's path.</summary>
    public string PagePath => PageOf(BasePath);

    /// <summary>The main page's path for a group at <paramref name="basePath"/>.</summary>
    public static string PageOf(string basePath) => basePath.Length == 0 ? "/" : basePath;

    public IAntiforgery Antiforgery { get; }

    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>The request of the signed-in person, or <see langword="null"/> when there is none (answer 401).</summary>
    /// <param name="http">The request.</param>
    /// <param name="suffix">The path of this endpoint inside the group (<c>""</c>, <c>/export</c>, ...), to find the group's path.</param>
    public static PageRequest? Of(HttpContext http, string suffix)
    {
        PreferenceCenterContext context = http.RequestServices.GetRequiredService<PreferenceCenterContext>();
        if (HttpUser.IdOf(http, http.RequestServices.GetRequiredService<IOptions<CpmHttpOptions>>().Value) is not { } userId)
        {
            return null;
        }

        string path = (http.Request.PathBase + http.Request.Path).ToUriComponent().TrimEnd('/');
        if (suffix.Length > 0 && path.EndsWith(suffix, StringComparison.Ordinal))
        {
            path = path[..^suffix.Length];
        }

        return new PageRequest(http, context, userId, path);
    }

    public string Language() => PageLanguage.Resolve(Http, Context.Options);

    /// <summary>Checks the antiforgery token; returns the 400 to answer when it is missing or wrong, else <see langword="null"/>.</summary>
    public async Task<IResult?> RefuseForgeryAsync()
    {
        bool valid;
        try
        {
            valid = await Antiforgery.IsRequestValidAsync(Http).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or AntiforgeryValidationException)
        {
            valid = false;
        }

        return valid ? null : Problem(AntiforgeryField(), "The antiforgery token is missing or invalid: reload the page and try again.");
    }

    /// <summary>
    /// Accepts a post of a one-button form: a signed-in person (else 401), a valid antiforgery token (else 400), and no
    /// field but the token and, when <paramref name="confirmField"/> is given, that field ticked (value 1); else 400
    /// naming the field.
    /// </summary>
    public static async Task<(PageRequest? Request, IResult? Refusal)> AcceptPostAsync(
        HttpContext http, string suffix, string? confirmField, CancellationToken cancellationToken)
    {
        if (Of(http, suffix) is not { } request)
        {
            return (null, TypedResults.Unauthorized());
        }

        if (await request.RefuseForgeryAsync().ConfigureAwait(false) is { } refusal)
        {
            return (null, refusal);
        }

        IFormCollection fields = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        string token = request.AntiforgeryField();
        foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in fields)
        {
            if (key != token && (key != confirmField || values.Count != 1 || values[0] != "1"))
            {
                return (null, Problem(key, key == confirmField ? "The confirmation box posts the value 1, once." : "The page has no such field."));
            }
        }

        return confirmField is not null && !fields.ContainsKey(confirmField)
            ? (null, Problem(confirmField, "Tick the box to confirm."))
            : (request, null);
    }

    public string AntiforgeryField() =>
        Http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.FormFieldName;

    public static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] },
            title: "The form could not be accepted; nothing was recorded.");

    /// <summary>An HTML page, never cached, under a content security policy that allows no script.</summary>
    public IResult Page(string html)
    {
        Http.Response.Headers.CacheControl = "no-store";
        Http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        Http.Response.Headers.XContentTypeOptions = "nosniff";
        Http.Response.Headers["Referrer-Policy"] = "same-origin";
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>303 See Other to the main page with <paramref name="query"/>: the "get" of post-redirect-get.</summary>
    public IResult SeeOther(string query)
    {
        Http.Response.Headers.Location = PagePath + "?" + query;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}
