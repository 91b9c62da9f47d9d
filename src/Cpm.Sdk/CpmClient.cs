using System.Diagnostics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk;

/// <summary>
/// The consent SDK: records choices durably in a local SQLite store and answers the gate from memory.
/// Open one per process with <see cref="OpenAsync"/> (or register it with <c>services.AddCpm(...)</c>)
/// and share it: every member is thread-safe.
/// </summary>
public sealed class CpmClient : IConsentGate, IConsentRecorder, IConsentHistory, IConsentSync, IAsyncDisposable, IDisposable
{
    private readonly SqliteStore _store;
    private readonly ConsentGate _gate;
    private readonly ConsentWriter _writer;
    private readonly TimeProvider _clock;
    private readonly Uri? _endpoint;
    private readonly TimeSpan _shutdownTimeout;
    private readonly ILogger _logger;
    private readonly long _deadLetters;
    private int _disposed;

    private CpmClient(CpmOptions options, SqliteStore store, ConsentGate gate, ConsentWriter writer, ILogger logger, long deadLetters)
    {
        _store = store;
        _gate = gate;
        _writer = writer;
        _logger = logger;
        _clock = options.TimeProvider;
        _endpoint = options.Endpoint;
        _shutdownTimeout = options.ShutdownTimeout;
        _deadLetters = deadLetters;
    }

    /// <summary>This instance's id, stamped on every record it captures as <see cref="ConsentRecord.Origin"/>.</summary>
    public string InstanceId => _store.InstanceId;

    /// <inheritdoc/>
    public SyncStatus Status => new()
    {
        State = _endpoint is null ? SyncState.Disabled : SyncState.Offline,
        OutboxDepth = _writer.OutboxDepth,
        DeadLetterCount = _deadLetters,
    };

    /// <summary>
    /// Opens the store (creating or migrating it), refuses a corrupt or foreign file without touching it,
    /// and loads the gate before returning, so the gate answers at once, offline, from the last-known state.
    /// </summary>
    /// <param name="options">The settings; every one is validated first.</param>
    /// <param name="cancellationToken">Cancels before the open starts.</param>
    /// <returns>The open client. Dispose it to drain pending writes and close the store.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="CpmStoreException">The file is corrupt, foreign, newer than this SDK, or cannot be opened.</exception>
    public static Task<CpmClient> OpenAsync(CpmOptions options, CancellationToken cancellationToken = default)
    {
        CpmOptionsValidator.ThrowIfInvalid(options, nameof(options));
        return Task.Run(() => Open(options, loggerFactory: null), cancellationToken);
    }

    /// <inheritdoc/>
    public bool CanUse(string userId, string purpose, string channel)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _gate.CanUse(userId, purpose, channel);
    }

    /// <inheritdoc/>
    public ConsentDecision Evaluate(string userId, string purpose, string channel)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _gate.Evaluate(userId, purpose, channel);
    }

    /// <inheritdoc/>
    public IEnumerable<string> Filter(IEnumerable<string> userIds, string purpose, string channel)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _gate.Filter(userIds, purpose, channel);
    }

    /// <inheritdoc/>
    public async ValueTask<ConsentRecord> RecordAsync(ConsentCapture capture, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        DateTimeOffset now = _clock.GetUtcNow();
        ValidCapture valid;
        try
        {
            valid = CaptureValidator.Validate(capture, _gate.Catalog, now);
        }
        catch (ArgumentException)
        {
            CpmMetrics.RecordRejected();
            throw;
        }

        using Activity? activity = CpmMetrics.ActivitySource.StartActivity("cpm.record");
        activity?.SetTag("cpm.purpose", valid.Purpose);
        activity?.SetTag("cpm.channel", valid.Channel);
        ConsentRecord record = valid.ToRecord(Guid.CreateVersion7(now), _store.InstanceId, now);
        return await _writer.WriteAsync(new WriteOperation(record, valid.EvidenceJson, enqueueOutbox: true), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(string userId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(userId);
        if (UserId.Problem(userId) is { } problem)
        {
            throw new ArgumentException($"UserId {problem}.", nameof(userId));
        }

        return Task.Run(() => HistoryReader.Read(_store, userId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Without an <see cref="CpmOptions.Endpoint"/> there is nothing to exchange and the round moves nothing.</remarks>
    public Task<SyncResult> SyncNowAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new SyncResult(0, 0, 0, Status));
    }

    /// <summary>Drains pending writes within <see cref="CpmOptions.ShutdownTimeout"/> and closes the store.</summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));

    /// <summary>Drains pending writes within <see cref="CpmOptions.ShutdownTimeout"/> and closes the store, blocking.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_writer.Drain(_shutdownTimeout))
        {
            Log.DrainTimedOut(_logger, _shutdownTimeout.TotalMilliseconds);
        }

        _writer.Dispose();
        _store.Dispose();
        Log.Closed(_logger);
    }

    /// <summary>Opens synchronously; SQLite I/O is synchronous anyway. Used by <see cref="OpenAsync"/> and by DI.</summary>
    internal static CpmClient Open(CpmOptions options, ILoggerFactory? loggerFactory)
    {
        CpmOptionsValidator.ThrowIfInvalid(options, nameof(options));
        ILogger logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(CpmMetrics.Name);
        long started = Stopwatch.GetTimestamp();
        SqliteStore store;
        try
        {
            store = SqliteStore.Open(options.DatabasePath, options.Durability);
        }
        catch (CpmStoreException ex)
        {
            Log.StoreRefused(logger, ex, options.DatabasePath);
            throw;
        }

        try
        {
            var symbols = new SymbolTable();
            Catalog catalog = Catalog.Create(options.Purposes, options.Channels, symbols);
            ConsentIndex index = IndexLoader.Load(store.Writer, symbols);
            long deadLetters = store.Count("dead_letters");
            var writer = new ConsentWriter(store, index, symbols, options.TimeProvider, logger);
            var gate = new ConsentGate(catalog, index, options.TimeProvider);
            foreach (int version in store.AppliedMigrations)
            {
                Log.Migrated(logger, version);
            }

            Log.StoreOpened(logger, store.Path, Schema.LatestVersion, index.UserCount, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new CpmClient(options, store, gate, writer, logger, deadLetters);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
