using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// A real app on Kestrel (127.0.0.1, a free port) with the SDK on a temp SQLite store (offline), header authentication
/// and the preference centre at <c>/privacy</c>, with marketing and its topic marketing.promotions, analytics
/// (legitimate interest) and sms, email, wechat; stopped and deleted on dispose.
/// </summary>
internal sealed class PageHost : IAsyncDisposable
{
    private readonly TempStore _store;
    private readonly WebApplication _app;

    private PageHost(TempStore store, WebApplication app, Uri baseAddress)
    {
        _store = store;
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public CpmClient Cpm => _app.Services.GetRequiredService<CpmClient>();

    public IServiceProvider Services => _app.Services;

    public static async Task<PageHost> StartAsync(
        Action<PreferenceCenterOptions>? page = null, Action<CpmOptions>? cpm = null, string prefix = "/privacy",
        IReadOnlyDictionary<string, string?>? configuration = null, Action<IServiceCollection>? services = null)
    {
        var store = new TempStore();
        WebApplication? app = null;
        try
        {
            WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ContentRootPath = store.Directory,
                EnvironmentName = "Testing",
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            builder.Services.AddCpm(o => Catalog(store, o, cpm));
            if (configuration is not null)
            {
                builder.Configuration.AddInMemoryCollection(configuration);
                builder.Services.AddCpmPreferenceCenter(builder.Configuration.GetSection(PreferenceCenterOptions.SectionName));
            }

            builder.Services.AddCpmPreferenceCenter(o =>
            {
                o.Purposes.Add("marketing");
                o.Purposes.Add("marketing.promotions");
                o.Purposes.Add("analytics");
                page?.Invoke(o);
            });
            services?.Invoke(builder.Services);
            builder.Services.AddAuthentication(HeaderAuthentication.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
            app = builder.Build();
            app.UseAuthentication();
            app.MapCpmPreferenceCenter(prefix);
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new PageHost(store, app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            store.Dispose();
            throw;
        }
    }

    private static void Catalog(TempStore store, CpmOptions options, Action<CpmOptions>? configure)
    {
        options.DatabasePath = store.DatabasePath;
        options.Purposes.Add(new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent });
        options.Purposes.Add(new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest });
        options.Purposes.Add(new PurposeDefinition { Id = "order-status", LegalBasis = LegalBasis.Contract });
        options.Channels.Add("sms");
        options.Channels.Add("email");
        options.Channels.Add("wechat");
        configure?.Invoke(options);
    }

    /// <summary>How many events the store's audit log holds: every capture, erasure and rights request adds one.</summary>
    public async Task<long> EventCountAsync() => (await Cpm.GetCheckpointAsync()).Size;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
    }
}
