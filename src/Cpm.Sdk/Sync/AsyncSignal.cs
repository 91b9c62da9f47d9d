namespace Cpm.Sdk.Sync;

/// <summary>An auto-reset signal: many sets collapse into one wake-up of one waiter.</summary>
internal sealed class AsyncSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: the waiter will wake once for all of them.
        }
    }

    /// <summary>Waits for the signal or the timeout; returns whether the signal came.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
