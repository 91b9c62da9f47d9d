using System.Net;
using Cpm.ReferenceServer.Endpoints;
using Cpm.ReferenceServer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer.Hosting;

/// <summary>Builds the web application: Kestrel on loopback only, quiet logging, the middleware order and the endpoints.</summary>
internal static class ServerApp
{
    /// <summary>The largest request body accepted; a larger one gets 413 (docs/protocol.md §6, §7).</summary>
    public const long MaxRequestBodyBytes = 16 * 1024 * 1024;

    /// <summary>The longest request line (method, target, version) accepted; a longer one gets 414 from Kestrel.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    public static WebApplication Build(
        ReferenceServerOptions options,
        int port,
        EventStore store,
        CheckpointKey checkpointKey,
        CommitSignal commits,
        ServerStats stats,
        Action<IApplicationBuilder>? beforeEndpoints)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(ServerApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();   // only the options passed in configure this host
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (options.LoggerProvider is { } provider)
        {
            builder.Logging.AddProvider(provider);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });

        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cpm.ReferenceServer");
        var catalog = new ServerCatalog(options.Purposes, options.Channels);
        var push = new PushEndpoint(store, catalog, stats, options.TimeProvider, logger);
        var pull = new PullEndpoint(store, commits, app.Lifetime.ApplicationStopping, logger);
        var catalogEndpoint = new CatalogEndpoint(catalog);
        var checkpoint = new CheckpointEndpoint(store, checkpointKey, options.LogOrigin);
        var proofs = new ProofEndpoints(store, new LogProofs(store));
        var guard = new RequestGuard(options.ApiKeys, new RefusalLog(logger, options.TimeProvider));

        // Order: count every v1 request as it arrives, then the caller's middleware (fault injection, counters),
        // then authentication and the protocol version, then the endpoints.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
            {
                stats.CountRequest();
            }

            return next(context);
        });
        beforeEndpoints?.Invoke(app);
        app.Use(guard.InvokeAsync);
        app.MapPost("v1/events", (RequestDelegate)push.HandleAsync);
        app.MapGet("v1/events", (RequestDelegate)pull.HandleAsync);
        app.MapGet("v1/catalog", (RequestDelegate)catalogEndpoint.HandleAsync);
        app.MapGet("v1/checkpoint", (RequestDelegate)checkpoint.HandleAsync);
        app.MapGet("v1/checkpoint-key", (RequestDelegate)checkpoint.KeyAsync);
        app.MapGet("v1/proofs/consistency", (RequestDelegate)proofs.ConsistencyAsync);
        app.MapGet("v1/proofs/inclusion", (RequestDelegate)proofs.InclusionAsync);

        // Any other method on a known path: 405 with Allow and an error body. Order 1 lets the endpoints above win.
        app.Map("v1/events", WireResponses.MethodNotAllowed("GET, POST")).WithOrder(1);
        foreach (string path in (string[])["v1/catalog", "v1/checkpoint", "v1/checkpoint-key", "v1/proofs/consistency", "v1/proofs/inclusion"])
        {
            app.Map(path, WireResponses.MethodNotAllowed("GET")).WithOrder(1);
        }

        return app;
    }
}
