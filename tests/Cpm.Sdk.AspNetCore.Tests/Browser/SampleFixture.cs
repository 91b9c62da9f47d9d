using Cpm.ReferenceServer;
using Cpm.Samples.AspNet;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Tests.Browser;

/// <summary>
/// The sample web app, the same composition <c>dotnet run</c> starts, in-process on 127.0.0.1 (a free port), syncing
/// with a reference server on 127.0.0.1; and a second SDK instance on its own store, synced to the same server, that
/// stands for another service checking the gate. Everything stops and is deleted on dispose.
/// </summary>
public sealed class SampleFixture : IAsyncLifetime
{
    private const string ApiKey = "browser-test-key";
    private readonly TempStore _folder = new();
    private ReferenceServerHost? _server;
    private WebApplication? _app;

    /// <summary>The app's address, with a trailing slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's own SDK instance.</summary>
    public CpmClient App => _app!.Services.GetRequiredService<CpmClient>();

    /// <summary>Another instance, synced through the same reference server.</summary>
    public CpmClient Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await ReferenceServerHost.StartAsync(SampleCatalog.Server(_folder.Directory, ApiKey));
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",   // the sign-in stub is mapped in development only
            ContentRootPath = _folder.Directory,
            Args = ["--urls", "http://127.0.0.1:0"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var settings = new SampleSettings { DataFolder = Path.Combine(_folder.Directory, "app"), CampaignInterval = TimeSpan.FromHours(1) };
        _app = SampleApp.Build(builder, settings, _server.BaseAddress, ApiKey);
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        var second = new CpmOptions { DatabasePath = Path.Combine(_folder.Directory, "second.db") };
        SampleCatalog.Configure(second, _folder.Directory, _server.BaseAddress, ApiKey);
        second.DatabasePath = Path.Combine(_folder.Directory, "second.db");
        second.PollWait = TimeSpan.FromSeconds(5);
        Second = await CpmClient.OpenAsync(second);
    }

    public async Task DisposeAsync()
    {
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder.Dispose();
    }
}
