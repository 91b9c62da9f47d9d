using Cpm.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk;

/// <summary>How a client is closed: every step runs even when one before it failed, and none throws.</summary>
public sealed partial class CpmClient
{
    private async Task CloseAsync()
    {
        if (_sync is { } sync)
        {
            await StepAsync("stop sync", () => sync.StopAsync(deliverOutbox: true)).ConfigureAwait(false);
        }

        // Returns only once the writer thread has ended: the commit in flight finishes, what was still queued fails
        // unwritten. Closing the store before that would pull the connection out from under a commit.
        await StepAsync("drain writes", DrainAsync).ConfigureAwait(false);
        await StepAsync("leave the outbox gauges", _gauges.Dispose).ConfigureAwait(false);
        await StepAsync("release the writer", _writer.Dispose).ConfigureAwait(false);
        await StepAsync("remember the number of users", () => _store.RememberUsers(_gate.UserCount)).ConfigureAwait(false);
        await StepAsync("close the store", _store.Dispose).ConfigureAwait(false);
        if (_ownedHttp is { } http)
        {
            await StepAsync("release the HTTP handler", http.Dispose).ConfigureAwait(false);
        }

        await StepAsync("stop the alerts", _alerts.Dispose).ConfigureAwait(false);
        Log.Closed(_logger);
    }

    private async Task DrainAsync()
    {
        if (!await _writer.DrainAsync(_shutdownTimeout).ConfigureAwait(false))
        {
            Log.DrainTimedOut(_logger, _shutdownTimeout.TotalMilliseconds);
        }
    }

    private async Task StepAsync(string step, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.CloseStepFailed(_logger, ex, step);
        }
    }

    private Task StepAsync(string step, Action action) => StepAsync(step, () =>
    {
        action();
        return Task.CompletedTask;
    });
}
