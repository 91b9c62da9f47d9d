using System.Diagnostics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Evidence;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk;

/// <summary>
/// The consent SDK: records choices durably in a local SQLite store, answers the gate from memory, and syncs with
/// the central endpoint when one is configured. Open one per process with <see cref="OpenAsync"/> (or register it
/// with <c>services.AddCpm(...)</c>) and share it: every member is thread-safe.
/// </summary>
public sealed partial class CpmClient : IConsentGate, IConsentRecorder, IConsentHistory, IConsentSync, IAsyncDisposable, IDisposable
{
    private readonly SqliteStore _store;
    private readonly ConsentGate _gate;
    private readonly ConsentWriter _writer;
    private readonly SyncStatusTracker _status;
    private readonly SyncEngine? _sync;
    private readonly EvidenceService _evidence;
    private readonly Rights.SubjectRights _rights;
    private readonly Preferences.SendGuard _guard;
    private readonly Alerts.AlertMonitor _alerts;
    private readonly IDisposable _gauges;
    private readonly HttpClient? _ownedHttp;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _shutdownTimeout;
    private readonly ILogger _logger;
    private int _disposed;

    /// <summary>This instance's id, stamped on every record it captures as <see cref="ConsentRecord.Origin"/>.</summary>
    public string InstanceId => _store.InstanceId;

    /// <inheritdoc/>
    public SyncStatus Status => _status.Snapshot() with { StoreCheck = _store.Check.State, StoreProblem = _store.Check.Problem };

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
        var stored = new StoredEvent(record, valid.EvidenceJson, WireFormat.NewSalt());
        if (_writer.AuditLog)
        {
            _ = stored.LeafHash; // hashed here, on the caller's thread, not on the single writer's
        }
        return await _writer.SubmitAsync(new RecordOperation(stored), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(string userId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(userId);
        if (FieldRules.UserIdProblem(userId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(userId));
        }

        return Task.Run(() => HistoryReader.Read(_store, userId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A sync failure does not throw: the returned status says <see cref="SyncState.Offline"/>,
    /// <see cref="SyncState.AuthFailed"/> or <see cref="SyncState.Incompatible"/> with the last error. Only the
    /// cancellation of <paramref name="cancellationToken"/> throws. A round that succeeds after a stop state (the key
    /// or the endpoint was fixed) clears it and restarts the background loops. Without an
    /// <see cref="CpmOptions.Endpoint"/> the round moves nothing.
    /// </remarks>
    public Task<SyncResult> SyncNowAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _sync?.SyncNowAsync(cancellationToken) ?? Task.FromResult(new SyncResult(0, 0, 0, Status));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Task.Run(() => DeadLetterReader.Read(_store, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> RequeueDeadLettersAsync(IEnumerable<Guid>? eventIds = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        int requeued = await DeadLetterQueue.RequeueAsync(_store, _writer, _status, _logger, eventIds, cancellationToken).ConfigureAwait(false);
        _alerts.Evaluate(); // the dead-letter alert clears once none is left
        return requeued;
    }

    /// <summary>
    /// Stops sync, delivers the outbox and drains pending writes within <see cref="CpmOptions.ShutdownTimeout"/>, then
    /// closes the store. Writes still queued at the deadline fail with <see cref="ObjectDisposedException"/> and are not
    /// written; the commit in flight finishes first. Never throws: a step that fails is logged and the rest still run.
    /// </summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) != 0 ? ValueTask.CompletedTask : new(CloseAsync());

    /// <summary>The blocking form of <see cref="DisposeAsync"/>: same steps, same guarantees.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // On a pool thread, so a caller's synchronization context can never deadlock the close.
        Task.Run(CloseAsync).GetAwaiter().GetResult();
    }

    /// <summary>The checks of the endpoint's log and the server checkpoint they kept (receipts); <see langword="null"/> offline-only.</summary>
    internal Sync.Checkpoints.ServerLogVerifier? ServerLog => _sync?.ServerLog;

    /// <summary>Starts the sync loops (no-op offline-only). Without DI, <see cref="OpenAsync"/> calls it; under DI, the hosted service.</summary>
    internal void StartSync() => _sync?.Start();

    /// <summary>Stops the sync loops and delivers what it can of the outbox within the shutdown deadline.</summary>
    internal Task StopSyncAsync() => _sync?.StopAsync(deliverOutbox: true) ?? Task.CompletedTask;
}
