using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Tests.Hosting;

/// <summary>
/// A real host for one test: Kestrel on 127.0.0.1 (port 0), Cpm.Sdk registered with <c>AddCpm</c> on a
/// <see cref="TempStore"/> (its test catalog), header-driven test authentication, every log line captured.
/// </summary>
internal sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSite(WebApplication app, Uri address, LogCapture logs)
    {
        _app = app;
        Logs = logs;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client of the site; add <see cref="TestAuth.UserHeader"/> to a request to sign in.</summary>
    public HttpClient Http { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The site's one client, opened with the host.</summary>
    public CpmClient Client => _app.Services.GetRequiredService<CpmClient>();

    /// <summary>
    /// Builds and starts the site; <paramref name="services"/> and <paramref name="pipeline"/> add what the test needs.
    /// With <paramref name="client"/>, that client is served instead of one <c>AddCpm</c> opens.
    /// </summary>
    public static async Task<TestSite> StartAsync(
        TempStore store,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null,
        Action<CpmOptions>? cpm = null,
        CpmClient? client = null)
    {
        // The store's folder as content root: no appsettings.json of another project in the output folder applies.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = store.Directory });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var logs = new LogCapture();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (client is null)
        {
            builder.Services.AddCpm(o => Copy(store.Options(configure: cpm), o));
        }
        else
        {
            // A client the test opened (and disposes) itself, without sync loops: the test runs each round.
            builder.Services.AddSingleton(_ => client);
            builder.Services.AddSingleton<IConsentSync>(_ => client);
        }

        builder.Services.AddAuthentication(TestAuth.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuth>(TestAuth.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(TestAuth.TouchpointPolicy, p => p.RequireRole(TestAuth.TouchpointRole)));
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        try
        {
            pipeline?.Invoke(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestSite(app, new Uri(address.TrimEnd('/') + "/"), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Copies a test catalog's options into the options <c>AddCpm</c> configures.</summary>
    public static void Copy(CpmOptions from, CpmOptions to)
    {
        to.DatabasePath = from.DatabasePath;
        to.TimeProvider = from.TimeProvider;
        to.Endpoint = from.Endpoint;
        to.ApiKey = from.ApiKey;
        to.PollWait = from.PollWait;
        to.RequestTimeout = from.RequestTimeout;
        to.MaxBackoff = from.MaxBackoff;
        to.ShutdownTimeout = from.ShutdownTimeout;
        to.DefaultJurisdiction = from.DefaultJurisdiction;
        foreach (PurposeDefinition purpose in from.Purposes)
        {
            to.Purposes.Add(purpose);
        }

        foreach (string channel in from.Channels)
        {
            to.Channels.Add(channel);
        }

        foreach (string kind in from.AliasKinds)
        {
            to.AliasKinds.Add(kind);
        }

        to.Alerts.MassWithdrawalThreshold = from.Alerts.MassWithdrawalThreshold;
        to.Alerts.MassWithdrawalWindow = from.Alerts.MassWithdrawalWindow;
        to.Alerts.OutboxBacklogAge = from.Alerts.OutboxBacklogAge;
        to.Alerts.PullStaleAfter = from.Alerts.PullStaleAfter;
        to.Alerts.CheckInterval = from.Alerts.CheckInterval;
    }
}
