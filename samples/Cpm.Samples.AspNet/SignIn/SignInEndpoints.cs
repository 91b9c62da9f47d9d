using System.Security.Claims;
using System.Text.Encodings.Web;
using Cpm.Samples.AspNet.Campaign;
using Cpm.Sdk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cpm.Samples.AspNet.SignIn;

/// <summary>
/// DEVELOPMENT ONLY: a form that signs you in as any user id, with no password, standing in for the host's real login.
/// Ticking its box records what a sign-up form would have: marketing by SMS and by email (source <c>signup</c>).
/// </summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    private const int MaxUserIdLength = 256;

    public static void MapSignInStub(this WebApplication app)
    {
        app.MapGet(SignInPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        {
            AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Content(Form(tokens, LocalOrDefault(returnUrl)), "text/html; charset=utf-8");
        });
        app.MapPost(SignInPath, SignInAsync);
        app.MapPost(SignOutPath, async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(SignInPath);
        });
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, IConsentHistory history, IConsentRecorder recorder, CampaignAudience audience)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest("The antiforgery token is missing or invalid: reload the page.");
        }

        IFormCollection form = await http.Request.ReadFormAsync();
        string userId = form["userId"].ToString().Trim();
        if (userId.Length is 0 or > MaxUserIdLength || userId.Any(char.IsControl))
        {
            return Results.BadRequest($"userId: 1 to {MaxUserIdLength} characters, no control characters.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userId)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        if (form["signup"] == "1" && (await history.GetHistoryAsync(userId)).Count == 0)
        {
            await RecordSignUpAsync(recorder, http, userId);
        }

        audience.Add(userId);
        return Results.Redirect(LocalOrDefault(form["returnUrl"]));
    }

    /// <summary>What the sign-up form of a real site would capture: marketing by SMS and by email.</summary>
    private static async Task RecordSignUpAsync(IConsentRecorder recorder, HttpContext http, string userId)
    {
        var evidence = new Dictionary<string, string> { ["form"] = "signup", ["userAgent"] = http.Request.Headers.UserAgent.ToString() };
        if (http.Connection.RemoteIpAddress is { } ip)
        {
            evidence["ip"] = ip.ToString();
        }

        foreach (string channel in new[] { "sms", "email" })
        {
            await recorder.RecordAsync(new ConsentCapture(userId, "marketing", channel, ConsentChoice.Granted)
            {
                PolicyVersion = SampleCatalog.NoticeVersion,
                Source = "signup",
                Jurisdiction = "PIPL",
                Evidence = evidence,
            });
        }
    }

    private static string LocalOrDefault(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/privacy";

    private static string Form(AntiforgeryTokenSet tokens, string returnUrl)
    {
        HtmlEncoder e = HtmlEncoder.Default;
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in (development only)</title>
            <style>body{"{"}font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem{"}"} input[type=text]{"{"}font:inherit;padding:.3rem;width:100%{"}"} button{"{"}font:inherit;padding:.4rem 1rem{"}"}</style></head>
            <body><h1>Sign in</h1>
            <p><strong>Development only:</strong> this stub signs you in as any user id, without a password. A real site uses its own login.</p>
            <form method="post" action="{SignInPath}">
            <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="returnUrl" value="{e.Encode(returnUrl)}">
            <p><label for="userId">User id</label><br><input type="text" id="userId" name="userId" required maxlength="256" autocomplete="username" value="mei.lin"></p>
            <p><input type="checkbox" id="signup" name="signup" value="1" checked> <label for="signup">New here: record the sign-up form's consent (marketing by SMS and by email)</label></p>
            <p><button type="submit">Sign in</button></p>
            </form></body></html>
            """;
    }
}
