using System.Diagnostics;
using Cpm.Sdk.Sync.Checkpoints;
using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk.Sync;

/// <summary>
/// The two background loops: a push loop woken by every new capture (and by a reconnect), and a pull loop that
/// long-polls while the endpoint is reachable, checks the endpoint's log after pulls (<see cref="ServerLogVerifier"/>)
/// and refreshes the catalog on the side. Each survives every failure but its own shutdown: the failure is recorded,
/// backed off, and the loop goes on. During a stop state (<see cref="SyncState.AuthFailed"/>,
/// <see cref="SyncState.Incompatible"/>) both wait, sending nothing, until a manual round clears it (the reconnect
/// wakes them); during <see cref="SyncState.HistoryRewritten"/> only the pull loop waits.
/// </summary>
internal sealed class SyncLoops(
    OutboxPusher pusher,
    ChangePuller puller,
    ServerLogVerifier serverLog,
    CatalogSync catalog,
    SyncStatusTracker status,
    SyncReporter reporter,
    SyncSettings settings,
    TimeProvider clock)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CatalogRefresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumPullSpacing = TimeSpan.FromSeconds(1);

    /// <summary>Runs both loops until <paramref name="stopping"/> is cancelled; never faults.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(Task.Run(() => GuardAsync(PushLoopAsync, stopping)), Task.Run(() => GuardAsync(PullLoopAsync, stopping)));

    private static async Task GuardAsync(Func<CancellationToken, Task> loop, CancellationToken stopping)
    {
        try
        {
            await loop(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task PushLoopAsync(CancellationToken stopping)
    {
        int failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            if (!status.TryBegin(SyncChannel.Push, out long ticket))
            {
                await reporter.PushSignal.WaitAsync(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
                continue;
            }

            SyncFailure? failure = await reporter.RunAsync(SyncChannel.Push, ticket, PushAsync, stopping).ConfigureAwait(false);
            if (failure is null)
            {
                failures = 0;
                await reporter.PushSignal.WaitAsync(Heartbeat, stopping).ConfigureAwait(false);
            }
            else if (!ResponseClassifier.StopsSync(failure.Outcome))
            {
                await reporter.BackOffAsync(failure, ++failures, wakeEarly: null, stopping).ConfigureAwait(false);
            }
        }

        async Task<bool> PushAsync()
        {
            (int delivered, int deadLettered) = await pusher.PushAllAsync(stopping).ConfigureAwait(false);
            return delivered + deadLettered > 0; // an empty outbox asked nothing of the endpoint
        }
    }

    private async Task PullLoopAsync(CancellationToken stopping)
    {
        int failures = 0, catalogFailures = 0;
        bool hasMore = false;
        long nextCatalog = 0;
        while (!stopping.IsCancellationRequested)
        {
            if (!status.TryBegin(SyncChannel.Pull, out long ticket))
            {
                hasMore = false;
                await reporter.PullSignal.WaitAsync(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
                continue;
            }

            // Due on schedule, or at once when a failure the loop did not schedule holds the state Offline: a manual
            // round's catalog that failed is otherwise retried only at the next refresh, minutes after the endpoint is back.
            if (Stopwatch.GetTimestamp() >= nextCatalog || (catalogFailures == 0 && status.IsFailing(SyncChannel.Catalog)))
            {
                // A catalog that fails is retried on its own schedule; it never holds up the pulls (and so withdrawals).
                SyncFailure? catalogFailure = await reporter.RunAsync(SyncChannel.Catalog, ticket, RefreshCatalogAsync, stopping).ConfigureAwait(false);
                catalogFailures = catalogFailure is null ? 0 : catalogFailures + 1;
                TimeSpan next = catalogFailure is null ? CatalogRefresh : reporter.Delay(catalogFailure, catalogFailures);
                nextCatalog = Stopwatch.GetTimestamp() + (long)(next.TotalSeconds * Stopwatch.Frequency);
                if (catalogFailure is not null && ResponseClassifier.StopsSync(catalogFailure.Outcome))
                {
                    continue;
                }
            }

            long started = Stopwatch.GetTimestamp();
            PullPage page = default;
            SyncFailure? failure = await reporter.RunAsync(SyncChannel.Pull, ticket, PullAsync, stopping).ConfigureAwait(false);
            if (failure is not null)
            {
                hasMore = false;
                serverLog.MarkDue();   // the endpoint that answers next may not be the one that failed
                if (!ResponseClassifier.StopsSync(failure.Outcome))
                {
                    await reporter.BackOffAsync(failure, ++failures, reporter.PullSignal, stopping).ConfigureAwait(false);
                }

                continue;
            }

            failures = 0;
            hasMore = page.HasMore;
            if (!hasMore && page.Received == 0 && Stopwatch.GetElapsedTime(started) < MinimumPullSpacing)
            {
                // An empty answer that came at once (PollWait 0, or an endpoint without long polls): poll at a steady
                // pace, not in a spin. An answer with events, even only our own echoed back, goes straight back to waiting.
                await Task.Delay(MinimumPullSpacing, clock, stopping).ConfigureAwait(false);
            }

            async Task<bool> PullAsync()
            {
                page = await puller.PullOnceAsync(hasMore ? TimeSpan.Zero : settings.PollWait, stopping).ConfigureAwait(false);
                status.AddParked(page.Parked);
                await serverLog.CheckAfterPullAsync(page, stopping).ConfigureAwait(false);
                return true;
            }
        }

        async Task<bool> RefreshCatalogAsync()
        {
            await catalog.RefreshAsync(stopping).ConfigureAwait(false);
            return true;
        }
    }
}
