using Cpm.ReferenceServer.Hosting;
using Cpm.ReferenceServer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.ReferenceServer;

/// <summary>
/// A running reference server: wire protocol v1 (docs/protocol.md) on its own SQLite file, on 127.0.0.1.
/// Start one with <see cref="StartAsync"/>; dispose it to stop it and release the file.
/// </summary>
public sealed class ReferenceServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EventStore _store;
    private readonly CheckpointKey _key;
    private readonly ServerStats _stats;
    private readonly string _databasePath;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    private ReferenceServerHost(WebApplication app, EventStore store, CheckpointKey key, ServerStats stats, string databasePath, Uri baseAddress)
    {
        _app = app;
        _store = store;
        _key = key;
        _stats = stats;
        _databasePath = databasePath;
        BaseAddress = baseAddress;
    }

    /// <summary>The address actually bound, with a trailing slash, e.g. <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The id of the key that signs checkpoints: the lowercase hex SHA-256 of its SubjectPublicKeyInfo DER.</summary>
    public string CheckpointKeyId => _key.KeyId;

    /// <summary>The public key that verifies checkpoints, as PEM; what <c>GET v1/checkpoint-key</c> serves.</summary>
    public string CheckpointPublicKeyPem => _key.PublicKeyPem;

    /// <summary>The development key's file when no key is configured, else <see langword="null"/>.</summary>
    public string? DevelopmentKeyPath => _key.DevelopmentKeyPath;

    /// <summary>Whether this start made the development key (the first start on this database).</summary>
    public bool DevelopmentKeyGenerated => _key.Generated;

    /// <summary>The size of the server's log (every event it holds) as last committed.</summary>
    public long LogSize => _store.Head.Size;

    /// <summary>How many pushed events were answered <c>duplicate</c> since start.</summary>
    public int DuplicateCount => _stats.DuplicateCount;

    /// <summary>How many requests arrived for a <c>v1/</c> path since start, whatever their outcome.</summary>
    public int RequestCount => _stats.RequestCount;

    /// <summary>Opens (or creates) the database, builds the server and starts listening.</summary>
    /// <param name="options">The settings; checked first, every problem named in one <see cref="ArgumentException"/>.</param>
    /// <param name="beforeEndpoints">Adds middleware in front of authentication and the endpoints (tests: fault injection, counters).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<ReferenceServerHost> StartAsync(
        ReferenceServerOptions options, Action<IApplicationBuilder>? beforeEndpoints = null, CancellationToken cancellationToken = default)
    {
        int port = OptionsValidator.Validate(options, nameof(options));
        string databasePath = Path.GetFullPath(options.DatabasePath);
        var commits = new CommitSignal();
        var stats = new ServerStats();
        var store = new EventStore(databasePath, commits, options.TimeProvider);
        CheckpointKey? key = null;
        WebApplication? app = null;
        try
        {
            key = CheckpointKey.Load(options, databasePath);
            app = ServerApp.Build(options, port, store, key, commits, stats, beforeEndpoints);
            await app.StartAsync(cancellationToken);
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new ReferenceServerHost(app, store, key, stats, databasePath, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            key?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>Stops listening (pending long polls answer at once), then closes the database and clears its pool.</summary>
    /// <returns>A task that completes when the file is released; calling it again returns the same task.</returns>
    public Task StopAsync()
    {
        lock (_stopLock)
        {
            return _stopped ??= StopCoreAsync();
        }
    }

    /// <summary>How many events the server holds. Works after <see cref="StopAsync"/> too.</summary>
    public long EventCount() => StoreInspection.Count(_databasePath);

    /// <summary>Every event id the server holds, in server order. Works after <see cref="StopAsync"/> too.</summary>
    public IReadOnlyList<Guid> EventIds() => StoreInspection.Ids(_databasePath);

    /// <summary>Stops the server if it runs and releases everything it holds.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StopCoreAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            _store.Dispose();
            _key.Dispose();
        }
    }
}
