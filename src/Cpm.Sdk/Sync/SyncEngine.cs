using System.Diagnostics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Runs synchronisation: a push loop woken by every new capture (and by a reconnect), and a pull loop that
/// long-polls while the endpoint is reachable. Both back off with jitter while it is not, and stop for good on an
/// authentication failure. <see cref="SyncNowAsync"/> runs one full round on demand.
/// </summary>
internal sealed class SyncEngine(
    OutboxPusher pusher, ChangePuller puller, CatalogSync catalog, SyncStatusTracker status, SyncSettings settings,
    TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CatalogRefresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumPullSpacing = TimeSpan.FromSeconds(1);

    private readonly AsyncSignal _pushSignal = new();
    private readonly AsyncSignal _pullSignal = new();
    private readonly Lock _lifecycle = new();
    private CancellationTokenSource? _stopping;
    private Task _loops = Task.CompletedTask;

    /// <summary>Starts the loops, unless they are running.</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (!_loops.IsCompleted)
            {
                return;
            }

            _stopping = new CancellationTokenSource();
            CancellationToken token = _stopping.Token;
            _loops = Task.WhenAll(Task.Run(() => PushLoopAsync(token)), Task.Run(() => PullLoopAsync(token)));
        }
    }

    /// <summary>Wakes the pusher: a capture is waiting in the outbox.</summary>
    public void NotifyCapture() => _pushSignal.Set();

    public async Task<SyncResult> SyncNowAsync(CancellationToken cancellationToken)
    {
        int pushed = 0, deadLettered = 0, pulled = 0;
        try
        {
            await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
            (pushed, deadLettered) = await pusher.PushAllAsync(cancellationToken).ConfigureAwait(false);
            pulled = await puller.PullAllAsync(cancellationToken).ConfigureAwait(false);
            MarkOnline(push: true);
            MarkOnline(push: false);
            if (_stopping is { IsCancellationRequested: false })
            {
                Start(); // Restarts the loops if an auth failure had stopped them and the endpoint now accepts the key.
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && SyncFailure.From(ex) is { } failure)
        {
            status.Failed(failure);
        }

        return new SyncResult(pushed, pulled, deadLettered, status.Snapshot());
    }

    /// <summary>Stops the loops, then delivers what it can of the outbox within the shutdown deadline.</summary>
    public async Task StopAsync(bool deliverOutbox)
    {
        CancellationTokenSource? stopping;
        lock (_lifecycle)
        {
            stopping = _stopping;
            _stopping = null;
        }

        if (stopping is not null)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await _loops.ConfigureAwait(false);
            stopping.Dispose();
        }

        SyncStatus now = status.Snapshot();
        if (!deliverOutbox || now.OutboxDepth == 0 || now.State != SyncState.Online)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(settings.ShutdownTimeout);
        try
        {
            await pusher.PushAllAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || SyncFailure.From(ex) is not null)
        {
            Log.ShutdownUndelivered(logger, status.Snapshot().OutboxDepth);
        }
    }

    private async Task PushLoopAsync(CancellationToken stopping)
    {
        int failures = 0;
        while (!stopping.IsCancellationRequested && !status.IsAuthFailed)
        {
            try
            {
                (int delivered, int deadLettered) = await pusher.PushAllAsync(stopping).ConfigureAwait(false);
                if (delivered + deadLettered > 0)
                {
                    MarkOnline(push: true);
                }

                failures = 0;
                await _pushSignal.WaitAsync(Heartbeat, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && SyncFailure.From(ex) is { } failure)
            {
                await BackOffAsync(failure, ++failures, wakeEarly: null, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PullLoopAsync(CancellationToken stopping)
    {
        int failures = 0;
        bool hasMore = false;
        long nextCatalog = 0;
        while (!stopping.IsCancellationRequested && !status.IsAuthFailed)
        {
            try
            {
                if (Stopwatch.GetTimestamp() >= nextCatalog)
                {
                    await catalog.RefreshAsync(stopping).ConfigureAwait(false);
                    nextCatalog = Stopwatch.GetTimestamp() + (long)(CatalogRefresh.TotalSeconds * Stopwatch.Frequency);
                }

                long started = Stopwatch.GetTimestamp();
                (_, int received, hasMore) = await puller.PullOnceAsync(hasMore ? TimeSpan.Zero : settings.PollWait, stopping).ConfigureAwait(false);
                MarkOnline(push: false);
                failures = 0;
                if (!hasMore && received == 0 && Stopwatch.GetElapsedTime(started) < MinimumPullSpacing)
                {
                    // An empty answer that came at once (PollWait 0, or an endpoint without long polls): poll at a steady
                    // pace, not in a spin. An answer with events, even only our own echoed back, goes straight back to waiting.
                    await Task.Delay(MinimumPullSpacing, clock, stopping).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && SyncFailure.From(ex) is { } failure)
            {
                hasMore = false;
                await BackOffAsync(failure, ++failures, _pullSignal, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void MarkOnline(bool push)
    {
        if (status.Succeeded(clock.GetUtcNow(), push))
        {
            Log.Online(logger);
            _pushSignal.Set(); // Reconnected: drain the outbox at once,
            _pullSignal.Set(); // and go back to long-polling if the pull loop is still backing off.
        }
    }

    /// <summary>Records the failure and waits out a jittered backoff; <paramref name="wakeEarly"/>, when set, cuts it short.</summary>
    private async Task BackOffAsync(SyncFailure failure, int attempt, AsyncSignal? wakeEarly, CancellationToken stopping)
    {
        status.Failed(failure);
        if (failure.Outcome == Outcome.AuthFailed)
        {
            Log.AuthFailed(logger, failure.Message);
            return;
        }

        TimeSpan delay = ResiliencePolicies.Delay(attempt, null, settings.MaxBackoff, clock);
        Log.Offline(logger, failure.Message, delay.TotalMilliseconds);
        try
        {
            await (wakeEarly?.WaitAsync(delay, stopping) ?? Task.Delay(delay, clock, stopping)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the loop condition ends it.
        }
    }
}
