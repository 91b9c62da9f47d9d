using System.Net;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// A browser stand-in for one person: keeps cookies, sends the person's id in the test authentication header (or no
/// user at all), follows no redirect so tests see the 303s, and reads forms from pages.
/// </summary>
internal sealed class PageClient : IDisposable
{
    private readonly HttpClient _http;

    public PageClient(PageHost host, string? userId, string? claimType = null, string? acceptLanguage = null)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = host.BaseAddress,
        };
        if (userId is not null)
        {
            _http.DefaultRequestHeaders.Add(HeaderAuthentication.UserHeader, Uri.EscapeDataString(userId));
        }

        if (claimType is not null)
        {
            _http.DefaultRequestHeaders.Add(HeaderAuthentication.ClaimHeader, claimType);
        }

        if (acceptLanguage is not null)
        {
            _http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PageClient/1.0 (tests)");
    }

    /// <summary>From now on, the requests are signed in as <paramref name="userId"/> (cookies kept).</summary>
    public void SignInAs(string userId)
    {
        _http.DefaultRequestHeaders.Remove(HeaderAuthentication.UserHeader);
        _http.DefaultRequestHeaders.Add(HeaderAuthentication.UserHeader, Uri.EscapeDataString(userId));
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path.TrimStart('/'));

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => _http.PostAsync(path.TrimStart('/'), content);

    /// <summary>Gets a page, expecting 200, and returns its HTML.</summary>
    public async Task<string> HtmlAsync(string path = "privacy")
    {
        using HttpResponseMessage response = await GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Reads a form of a page.</summary>
    public async Task<PageForm> FormAsync(string formId, string path = "privacy") => PageForm.Read(await HtmlAsync(path), formId);

    /// <summary>Posts a form to its action.</summary>
    public Task<HttpResponseMessage> SubmitAsync(PageForm form) => PostAsync(form.Action, form.Content());

    /// <summary>Posts a form and expects the 303 back to the page; returns where it points.</summary>
    public async Task<string> SubmitAndRedirectAsync(PageForm form)
    {
        using HttpResponseMessage response = await SubmitAsync(form);
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    public void Dispose() => _http.Dispose();
}
