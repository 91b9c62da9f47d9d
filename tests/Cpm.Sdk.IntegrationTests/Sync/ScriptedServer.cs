using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Cpm.ReferenceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// A misbehaving endpoint under test control: the reference server on 127.0.0.1 (port 0) with a layer in front
/// where each route (push, pull, catalog) can be given a script. A script answers however the test wants (or waits,
/// or calls the real endpoint); a route without a script is served by the reference server, so setting a script back
/// to <see langword="null"/> is "the server behaves again". Every <c>v1</c> request is recorded.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Script? _push;
    private Script? _pull;
    private Script? _catalog;

    private ScriptedServer()
    {
    }

    /// <summary>Answers one request; <c>real</c> hands it to the reference server.</summary>
    public delegate Task Script(HttpContext context, RequestDelegate real);

    /// <summary>A request as it arrived: method, path, query string, and when (since the server started).</summary>
    public sealed record Request(string Method, string Path, string Query, TimeSpan At)
    {
        public string? After => Query.Split('&', '?').FirstOrDefault(p => p.StartsWith("after=", StringComparison.Ordinal)) is { } p
            ? Uri.UnescapeDataString(p["after=".Length..]) : null;
    }

    public ReferenceServerHost Reference { get; private set; } = null!;

    public Uri BaseAddress => Reference.BaseAddress;

    /// <summary>Cancelled when the server is disposed: scripts that hold a request wait on it too.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public Script? Push { get => Volatile.Read(ref _push); set => Volatile.Write(ref _push, value); }

    public Script? Pull { get => Volatile.Read(ref _pull); set => Volatile.Write(ref _pull, value); }

    public Script? Catalog { get => Volatile.Read(ref _catalog); set => Volatile.Write(ref _catalog, value); }

    public IReadOnlyList<Request> Requests => [.. _requests];

    public int Pushes => Requests.Count(r => r.Method == "POST");

    public IReadOnlyList<Request> Pulls => [.. Requests.Where(r => r.Method == "GET" && r.Path == "/v1/events")];

    /// <summary>Starts the reference server (options as in <see cref="SyncHarness.StartServerAsync"/>) behind the script layer.</summary>
    public static async Task<ScriptedServer> StartAsync(
        string directory,
        string url = "http://127.0.0.1:0",
        PurposeDefinition[]? purposes = null,
        Action<IApplicationBuilder>? behind = null,
        string apiKey = SyncHarness.ApiKey)
    {
        var server = new ScriptedServer();
        server.Reference = await SyncHarness.StartServerAsync(
            directory,
            app =>
            {
                app.Use(server.InvokeAsync);
                behind?.Invoke(app);
            },
            url,
            purposes,
            apiKey: apiKey);
        return server;
    }

    /// <summary>A script that answers <paramref name="status"/> with <paramref name="body"/> of <paramref name="contentType"/>.</summary>
    public static Script Answer(int status, string body, string contentType = "application/json; charset=utf-8") => async (context, _) =>
    {
        await DrainRequestAsync(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    };

    /// <summary>Reads the whole request body, so a client that is still sending sees an answer, not a reset.</summary>
    public static async Task<string> DrainRequestAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    /// <summary>Waits until the client gives up on the request or the server stops; never completes normally.</summary>
    public async Task StallAsync(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Stopping);
        await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Reference.DisposeAsync();
        _stopping.Dispose();
    }

    private Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        PathString path = context.Request.Path;
        if (!path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            return next(context);
        }

        _requests.Enqueue(new Request(context.Request.Method, path.Value!, context.Request.QueryString.Value ?? "", _clock.Elapsed));
        Script? script = (context.Request.Method, path.Value) switch
        {
            ("POST", "/v1/events") => Push,
            ("GET", "/v1/events") => Pull,
            ("GET", "/v1/catalog") => Catalog,
            _ => null,
        };
        return script is null ? next(context) : script(context, next);
    }
}
