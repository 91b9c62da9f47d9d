using System.Diagnostics;
using Cpm.Sdk.Alerts;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Evidence;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;
using Cpm.Sdk.Model;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Preferences;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync;
using Cpm.Sdk.Sync.Checkpoints;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk;

/// <summary>How a client is opened and put together.</summary>
public sealed partial class CpmClient
{
    private CpmClient(
        CpmOptions options, SqliteStore store, ConsentGate gate, ConsentWriter writer, SyncStatusTracker status, SyncEngine? sync, HttpClient? ownedHttp,
        ILogger logger, SubjectRights rights, SendGuard guard, AlertMonitor alerts)
    {
        _alerts = alerts;
        alerts.Raised += OnAlertRaised;
        _guard = guard;
        _rights = rights;
        _store = store;
        _gate = gate;
        _writer = writer;
        _status = status;
        _sync = sync;
        _ownedHttp = ownedHttp;
        _logger = logger;
        _clock = options.TimeProvider;
        _shutdownTimeout = options.ShutdownTimeout;
        _gauges = StoreGauges.Register(() => writer.OutboxDepth, () => writer.DeadLetterCount);
        _evidence = new EvidenceService(store, gate, options.Controller, options.TimeZone, options.TimeProvider, ServerInclusionOf(sync));
    }

    /// <summary>
    /// Opens the store (creating or migrating it), refuses a corrupt or foreign file without touching it, loads the
    /// gate before returning (so it answers at once, offline, from the last-known state), and starts syncing when an
    /// <see cref="CpmOptions.Endpoint"/> is set.
    /// </summary>
    /// <param name="options">The settings; every one is validated first.</param>
    /// <param name="cancellationToken">Cancels before the open starts.</param>
    /// <returns>The open client. Dispose it to deliver the outbox, drain pending writes and close the store.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="CpmStoreException">The file is corrupt, foreign, newer than this SDK, or cannot be opened.</exception>
    public static Task<CpmClient> OpenAsync(CpmOptions options, CancellationToken cancellationToken = default)
    {
        CpmOptionsValidator.ThrowIfInvalid(options, nameof(options));
        return Task.Run(
            () =>
            {
                CpmClient client = Open(options, loggerFactory: null, httpClientFactory: null);
                client.StartSync();
                return client;
            },
            cancellationToken);
    }

    /// <summary>Opens synchronously (SQLite I/O is synchronous anyway) without starting sync. Used by <see cref="OpenAsync"/> and DI.</summary>
    internal static CpmClient Open(CpmOptions options, ILoggerFactory? loggerFactory, IHttpClientFactory? httpClientFactory)
    {
        CpmOptionsValidator.ThrowIfInvalid(options, nameof(options));
        ILogger logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(CpmMetrics.Name);
        long started = Stopwatch.GetTimestamp();
        var symbols = new SymbolTable();
        SqliteStore store;
        ConsentIndex index;
        AlertMonitor? alerts = null;
        try
        {
            (store, index) = StoreOpener.Open(options.DatabasePath, options.Durability, symbols, logger);
        }
        catch (CpmStoreException ex)
        {
            Log.StoreRefused(logger, ex, options.DatabasePath);
            throw;
        }

        try
        {
            Catalog catalog = CatalogSync.Initial(options, symbols, store.ReadSyncState(SyncStateKeys.Catalog), logger);
            string cursor = store.ReadSyncState(SyncStateKeys.Cursor) ?? "";
            string? etag = store.ReadSyncState(SyncStateKeys.CatalogETag);
            (AliasIndex aliases, Tombstones tombstones) = RightsLoader.Load(store.Path, index, options.AliasKinds);
            store.Check.Start(); // the whole file, in the background, now that everything the gate needs is loaded
            var gate = new ConsentGate(catalog, index, options.TimeProvider, aliases, tombstones);
            var calendar = new CalendarPeriods(options.TimeZone);
            SendLedger sends = LedgerLoader.Load(store.Writer, catalog, symbols, calendar, options.TimeProvider.GetUtcNow());
            var writer = new ConsentWriter(
                store, index, symbols, options.TimeProvider, logger, auditLog: !options.WithoutAuditLogForBenchmarks, aliases, tombstones);
            var status = new SyncStatusTracker(options.Endpoint is not null, () => writer.OutboxDepth, () => writer.DeadLetterCount, DeadLetterReader.CountParked(store))
            {
                OldestOutboxAt = () => writer.OldestOutboxAt,
            };
            alerts = new AlertMonitor(options.Alerts, options.TimeProvider, logger);
            alerts.WatchSync(status.Facts);
            status.Alerts = alerts;
            writer.Withdrew += alerts.Count;

            SyncEngine? sync = null;
            HttpClient? ownedHttp = null;
            if (SyncSettings.From(options) is { } settings)
            {
                ownedHttp = httpClientFactory is null ? SyncHttp.CreateStandalone(settings, logger) : null;
                var transport = new SyncTransport(ownedHttp ?? httpClientFactory!.CreateClient(SyncHttp.ClientName), settings);
                var serverLog = new ServerLogVerifier(
                    transport,
                    writer,
                    options.ServerPublicKey,
                    store.ReadSyncState(CheckpointKeys.Checkpoint),
                    store.ReadSyncState(CheckpointKeys.PinnedKey),
                    options.TimeProvider,
                    logger);
                sync = new SyncEngine(
                    new OutboxPusher(store, writer, transport, settings, logger),
                    new ChangePuller(writer, transport, options.TimeProvider, logger, cursor),
                    serverLog,
                    new CatalogSync(options, symbols, gate, writer, transport, logger, etag),
                    status,
                    settings,
                    options.TimeProvider,
                    logger);
                writer.OutboxGrew += sync.NotifyCapture;
            }

            foreach (int version in store.AppliedMigrations)
            {
                Log.Migrated(logger, version);
            }

            Log.StoreOpened(logger, store.Path, Schema.LatestVersion, index.UserCount, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var rights = new SubjectRights(
                store, writer, gate, index, aliases, tombstones, options.DefaultJurisdiction, options.TimeProvider);
            var guard = new SendGuard(gate, writer, sends, calendar, options.FrequencyRules, symbols, options.TimeProvider);
            return new CpmClient(options, store, gate, writer, status, sync, ownedHttp, logger, rights, guard, alerts);
        }
        catch
        {
            alerts?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>Receipts ask the server's signed log for a synced event's proof, through the history check's verifier.</summary>
    private static Func<Guid, byte[], CancellationToken, Task<ServerInclusion?>>? ServerInclusionOf(SyncEngine? sync) =>
        sync?.ServerLog is not { } log
            ? null
            : async (id, leafHash, cancellationToken) =>
                await log.InclusionAsync(id, leafHash, cancellationToken).ConfigureAwait(false) is { } proof
                    ? new ServerInclusion(proof.Checkpoint, proof.Signature, proof.KeyId, proof.Index, proof.Proof)
                    : null;
}
