using Cpm.Samples.AspNet.Campaign;
using Cpm.Samples.AspNet.SignIn;
using Cpm.Sdk;
using Cpm.Sdk.AspNetCore;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cpm.Samples.AspNet;

/// <summary>
/// The web app: cookie sign-in (a development-only stub stands in for a real login), the preference centre at
/// <c>/privacy</c> for signed-in people, the touchpoint API at <c>/cpm</c>, Global Privacy Control (marketing honours
/// it), health at <c>/health</c>, and a background campaign that sends promotions by SMS only through the send
/// guard. <c>Program</c> runs it; the browser tests start the same composition in-process.
/// </summary>
internal static class SampleApp
{
    private const string ApiPrefix = "/cpm";

    /// <summary>Registers the services and maps the endpoints; the SDK syncs with <paramref name="endpoint"/>.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, SampleSettings settings, Uri endpoint, string apiKey)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(SampleSettings.DefaultUrl);
        }

        Directory.CreateDirectory(settings.DataFolder);
        builder.Services.AddCpm(o => SampleCatalog.Configure(o, settings.DataFolder, endpoint, apiKey));
        builder.Services.AddCpmPreferenceCenter(SampleCatalog.Configure);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = SignInEndpoints.SignInPath;
                o.Cookie.Name = ".Cpm.Sample.SignIn";
                o.Events.OnRedirectToLogin = context =>
                {
                    // A page sends the person to sign in; the touchpoint API answers 401, as an API does.
                    if (context.Request.Path.StartsWithSegments(ApiPrefix))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<CampaignAudience>();
        builder.Services.AddSingleton<ISmsProvider, ConsoleSmsProvider>();
        builder.Services.AddSingleton(new CampaignSchedule(settings.CampaignInterval));
        builder.Services.AddHostedService<PromotionsCampaign>();
        builder.Services.AddCpmConsentApi(o => o.UseSignedInUser = true);   // touchpoints post the signed-in person's choices
        builder.Services.AddCpmGlobalPrivacyControl(o => o.LastUpdate = new DateOnly(2026, 12, 1));
        builder.Services.AddHealthChecks().AddCpm();

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseCpmGlobalPrivacyControl();   // after sign-in: the signal opts the signed-in person out
        app.UseAuthorization();

        app.MapGet("/", () => Results.Redirect("/privacy"));
        app.MapGet("/notice", () => Results.Content(NoticePage, "text/html; charset=utf-8"));
        app.MapCpmPreferenceCenter("/privacy").RequireAuthorization();
        if (app.Environment.IsDevelopment())
        {
            app.MapSignInStub();
        }

        app.MapCpmConsentApi(ApiPrefix);
        app.MapHealthChecks("/health");
        return app;
    }

    private const string NoticePage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Privacy notice</title></head><body>
        <h1>Privacy notice, version 1</h1>
        <p>This sample stands in for your real privacy notice: what you collect, why, for how long, and how people use their rights.</p>
        <p><a href="/privacy">Back to your privacy choices</a></p></body></html>
        """;
}
