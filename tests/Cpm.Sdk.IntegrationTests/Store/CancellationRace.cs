namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// Starts one call per token and cancels two of every three, in random order, from a canceller that runs while the calls
/// are queued, taken, committed (and, for pooled operations, reused): some are cancelled before they are queued, some
/// while queued, some after the writer took them, some after they returned. Every call has ended when this returns.
/// </summary>
internal static class CancellationRace
{
    public static async Task<Task<T>[]> RunAsync<T>(CancellationTokenSource[] sources, Func<int, CancellationToken, Task<T>> call)
    {
        var calls = new Task<T>[sources.Length];
        var order = Enumerable.Range(0, sources.Length).Where(i => i % 3 != 0).ToArray();
        new Random(42).Shuffle(order);
        using var started = new SemaphoreSlim(0);
        Task canceller = Task.Run(async () =>
        {
            await started.WaitAsync();
            for (int k = 0; k < order.Length; k++)
            {
                await sources[order[k]].CancelAsync();
                if (k % 64 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        for (int i = 0; i < calls.Length; i++)
        {
            calls[i] = call(i, sources[i].Token);
            if (i == calls.Length / 10)
            {
                started.Release();
            }
        }

        await canceller;
        await Task.WhenAll(calls.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        return calls;
    }
}
