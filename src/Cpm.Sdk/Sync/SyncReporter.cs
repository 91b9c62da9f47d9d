using System.Diagnostics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Turns the result of each exchange into status, logs and wake-ups, and decides how long a failure backs off:
/// transient failures with jittered exponential backoff, anything else (a protocol error, a batch-level refusal,
/// a local fault) for the full <see cref="SyncSettings.MaxBackoff"/>, so no failure can make a loop spin.
/// </summary>
internal sealed class SyncReporter(SyncStatusTracker status, SyncSettings settings, TimeProvider clock, ILogger logger)
{
    private static readonly string[] ActivityNames = ["cpm.sync.push", "cpm.sync.pull", "cpm.sync.catalog"];

    /// <summary>Set on a reconnect: drain the outbox at once.</summary>
    public AsyncSignal PushSignal { get; } = new();

    /// <summary>Set on a reconnect: a pull loop still backing off goes back to long-polling.</summary>
    public AsyncSignal PullSignal { get; } = new();

    /// <summary>Runs one exchange of <paramref name="channel"/> and records its result; returns the failure, or null.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>Each exchange is an activity (<c>cpm.sync.push</c>, <c>.pull</c>, <c>.catalog</c>) and a <c>cpm.sync.duration</c> measurement.</remarks>
    public async Task<SyncFailure?> RunAsync(SyncChannel channel, long ticket, Func<Task<bool>> exchange, CancellationToken cancellationToken)
    {
        using Activity? activity = CpmMetrics.ActivitySource.StartActivity(ActivityNames[(int)channel]);
        long started = Stopwatch.GetTimestamp();
        try
        {
            if (await exchange().ConfigureAwait(false))
            {
                Succeeded(channel, ticket);
                CpmMetrics.SyncExchanged(channel, "success", Stopwatch.GetElapsedTime(started));
                activity?.SetTag("cpm.sync.outcome", "success");
            }
            else if (activity is not null)
            {
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded; // nothing to send: no request, nothing to trace
            }

            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetTag("cpm.sync.outcome", "cancelled");
            throw;
        }
        catch (Exception ex)
        {
            SyncFailure failure = SyncFailure.From(ex);
            Failed(channel, failure);
            string outcome = failure.Outcome.ToString();
            CpmMetrics.SyncExchanged(channel, outcome, Stopwatch.GetElapsedTime(started));
            activity?.SetTag("cpm.sync.outcome", outcome);
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            return failure;
        }
    }

    /// <summary>How long to wait after the <paramref name="attempt"/>-th failure in a row; never less than a Retry-After, up to MaxBackoff.</summary>
    public TimeSpan Delay(SyncFailure failure, int attempt)
    {
        if (failure.Outcome != Outcome.Transient)
        {
            return settings.MaxBackoff;
        }

        TimeSpan jittered = ResiliencePolicies.Delay(attempt, null, settings.MaxBackoff, clock);
        TimeSpan asked = failure.RetryAfter is { } retryAfter && retryAfter < settings.MaxBackoff ? retryAfter : settings.MaxBackoff;
        return failure.RetryAfter is null || jittered >= asked ? jittered : asked;
    }

    /// <summary>Waits out the backoff of a failure; a transient one is cut short by <paramref name="wakeEarly"/>. Never throws.</summary>
    public async Task BackOffAsync(SyncFailure failure, int attempt, AsyncSignal? wakeEarly, CancellationToken stopping)
    {
        TimeSpan delay = Delay(failure, attempt);
        try
        {
            await (failure.Outcome == Outcome.Transient && wakeEarly is not null
                ? wakeEarly.WaitAsync(delay, stopping)
                : Task.Delay(delay, clock, stopping)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the loop condition ends it.
        }
    }

    private void Succeeded(SyncChannel channel, long ticket)
    {
        bool recovered = status.Succeeded(channel, ticket, clock.GetUtcNow());
        status.Alerts?.Evaluate(); // a pull clears a stale pull, a push a backlog, a round a stop
        if (recovered)
        {
            // The endpoint answers again: drain the outbox at once, and cut short a pull loop's transient backoff.
            PushSignal.Set();
            PullSignal.Set();
            if (status.IsOnline)
            {
                Log.Online(logger);
            }
        }
    }

    private void Failed(SyncChannel channel, SyncFailure failure)
    {
        status.Failed(channel, failure);
        status.Alerts?.Evaluate(); // an auth failure or a rewritten history (from the server log checks) raises its alert now
        switch (failure.Outcome)
        {
            case Outcome.AuthFailed:
                Log.AuthFailed(logger, failure.Message);
                break;
            case Outcome.Incompatible:
                Log.Incompatible(logger, failure.Message);
                break;
            case Outcome.HistoryRewritten:
                Checkpoints.CheckpointLog.HistoryRewritten(logger, failure.Message);
                break;
            case Outcome.Transient:
                Log.Offline(logger, failure.Message);
                break;
            default:
                Log.SyncFailed(logger, failure.Outcome.ToString(), failure.Message, settings.MaxBackoff.TotalMilliseconds);
                break;
        }
    }
}
