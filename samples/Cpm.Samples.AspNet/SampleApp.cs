using Cpm.Samples.AspNet.Campaign;
using Cpm.Samples.AspNet.SignIn;
using Cpm.Sdk;
using Cpm.Sdk.AspNetCore;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cpm.Samples.AspNet;

/// <summary>
/// The web app: cookie sign-in (a development-only stub stands in for a real login), the preference centre at
/// <c>/privacy</c> for signed-in people, and a background campaign that sends promotions by SMS only through the send
/// guard. <c>Program</c> runs it; the browser tests start the same composition in-process.
/// </summary>
internal static class SampleApp
{
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
            });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<CampaignAudience>();
        builder.Services.AddSingleton<ISmsProvider, ConsoleSmsProvider>();
        builder.Services.AddSingleton(new CampaignSchedule(settings.CampaignInterval));
        builder.Services.AddHostedService<PromotionsCampaign>();
        // TODO(issue 10): builder.Services.AddHealthChecks().AddCpm(); once the health checks are merged.

        WebApplication app = builder.Build();
        // TODO(issue 10): app.UseCpmGlobalPrivacyControl(); here, before the endpoints, once GPC is merged.
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/", () => Results.Redirect("/privacy"));
        app.MapGet("/notice", () => Results.Content(NoticePage, "text/html; charset=utf-8"));
        app.MapCpmPreferenceCenter("/privacy").RequireAuthorization();
        if (app.Environment.IsDevelopment())
        {
            app.MapSignInStub();
        }

        // TODO(issue 10): app.MapCpmConsentApi("/cpm"); once the consent API is merged.
        // TODO(issue 10): app.MapHealthChecks("/health"); once the health checks are merged.
        return app;
    }

    private const string NoticePage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Privacy notice</title></head><body>
        <h1>Privacy notice, version 1</h1>
        <p>This sample stands in for your real privacy notice: what you collect, why, for how long, and how people use their rights.</p>
        <p><a href="/privacy">Back to your privacy choices</a></p></body></html>
        """;
}
