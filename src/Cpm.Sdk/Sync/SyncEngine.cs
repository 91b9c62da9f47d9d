using System.Diagnostics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Sync.Checkpoints;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Runs synchronisation: starts and stops the background loops (<see cref="SyncLoops"/>), and runs one full round on
/// demand (<see cref="SyncNowAsync"/>), which is also the only way out of a stop state (its success wakes the waiting
/// loops). Neither a round nor a stop throws for a sync failure: the status shows it. Every round's pull ends with a
/// check of the endpoint's log (<see cref="ServerLogVerifier"/>).
/// </summary>
internal sealed class SyncEngine
{
    private readonly OutboxPusher _pusher;
    private readonly ChangePuller _puller;
    private readonly CatalogSync _catalog;
    private readonly SyncStatusTracker _status;
    private readonly SyncSettings _settings;
    private readonly ILogger _logger;
    private readonly SyncReporter _reporter;
    private readonly SyncLoops _loops;
    private readonly Lock _lifecycle = new();
    private CancellationTokenSource? _stopping;
    private Task _loopsTask = Task.CompletedTask;

    public SyncEngine(
        OutboxPusher pusher,
        ChangePuller puller,
        ServerLogVerifier serverLog,
        CatalogSync catalog,
        SyncStatusTracker status,
        SyncSettings settings,
        TimeProvider clock,
        ILogger logger)
    {
        (_pusher, _puller, _catalog, _status, _settings, _logger) = (pusher, puller, catalog, status, settings, logger);
        ServerLog = serverLog;
        _reporter = new SyncReporter(status, settings, clock, logger);
        _loops = new SyncLoops(pusher, puller, serverLog, catalog, status, _reporter, settings, clock);
    }

    /// <summary>The checks of the endpoint's log, and the checkpoint they kept (receipts quote it).</summary>
    public ServerLogVerifier ServerLog { get; }

    /// <summary>Starts the loops, unless they are running.</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (!_loopsTask.IsCompleted)
            {
                return;
            }

            _stopping = new CancellationTokenSource();
            _loopsTask = _loops.RunAsync(_stopping.Token);
        }
    }

    /// <summary>Wakes the pusher: a capture is waiting in the outbox.</summary>
    public void NotifyCapture() => _reporter.PushSignal.Set();

    /// <summary>One full round: catalog, push, pull. Throws only <see cref="OperationCanceledException"/> for <paramref name="cancellationToken"/>.</summary>
    public async Task<SyncResult> SyncNowAsync(CancellationToken cancellationToken)
    {
        using Activity? activity = CpmMetrics.ActivitySource.StartActivity("cpm.sync.round"); // the parent of its three exchanges
        long ticket = _status.Epoch; // a round that starts now may clear a stop state that began before it; that wakes the loops
        bool rewritten = _status.StopState == SyncState.HistoryRewritten;
        int pushed = 0, deadLettered = 0, pulled = 0;
        await _reporter.RunAsync(SyncChannel.Catalog, ticket, RefreshCatalogAsync, cancellationToken).ConfigureAwait(false);
        if (!_status.Blocks(SyncChannel.Push))
        {
            await _reporter.RunAsync(SyncChannel.Push, ticket, PushAsync, cancellationToken).ConfigureAwait(false);
        }

        // A round pulls even during HistoryRewritten: its check of the endpoint's log is the only way out of it.
        if (!_status.IsStopped || _status.StopState == SyncState.HistoryRewritten)
        {
            await _reporter.RunAsync(SyncChannel.Pull, ticket, PullAsync, cancellationToken).ConfigureAwait(false);
        }

        var result = new SyncResult(pushed, pulled, deadLettered, _status.Snapshot());
        activity?.SetTag("cpm.sync.pushed", pushed);
        activity?.SetTag("cpm.sync.pulled", pulled);
        activity?.SetTag("cpm.sync.state", result.Status.State.ToString());
        return result;

        async Task<bool> RefreshCatalogAsync()
        {
            await _catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        async Task<bool> PushAsync()
        {
            (pushed, deadLettered) = await _pusher.PushAllAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        async Task<bool> PullAsync()
        {
            if (rewritten)
            {
                // After a rewritten history the endpoint proves its log consistent again before anything more is merged.
                await ServerLog.CheckAsync(cancellationToken).ConfigureAwait(false);
            }

            (pulled, int parked) = await _puller.PullAllAsync(cancellationToken).ConfigureAwait(false);
            _status.AddParked(parked);
            if (!rewritten)
            {
                await ServerLog.CheckAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    /// <summary>Stops the loops, then delivers what it can of the outbox within the shutdown deadline. Never throws.</summary>
    public async Task StopAsync(bool deliverOutbox)
    {
        CancellationTokenSource? stopping;
        Task loops;
        lock (_lifecycle)
        {
            (stopping, loops) = (_stopping, _loopsTask);
            _stopping = null;
        }

        if (stopping is not null)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await loops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stopping.Dispose();
        }

        SyncStatus now = _status.Snapshot();
        if (!deliverOutbox || now.OutboxDepth == 0 || _status.Blocks(SyncChannel.Push))
        {
            return;
        }

        // Offline or not: try, within the deadline; an endpoint that is back (or never left) takes the outbox now.
        using var deadline = new CancellationTokenSource(_settings.ShutdownTimeout);
        SyncFailure? failure = null;
        try
        {
            failure = await _reporter.RunAsync(SyncChannel.Push, _status.Epoch, PushAsync, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            failure = new SyncFailure(Outcome.Transient, "the shutdown deadline passed");
        }

        if (failure is not null)
        {
            Log.ShutdownUndelivered(_logger, _status.Snapshot().OutboxDepth);
        }

        async Task<bool> PushAsync()
        {
            await _pusher.PushAllAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
    }
}
