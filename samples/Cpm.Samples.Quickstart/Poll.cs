using System.Diagnostics;

namespace Cpm.Samples.Quickstart;

/// <summary>Waits for something another thread (here: a sync loop) makes true, with a deadline.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> (default 50 ms) until it holds or <paramref name="deadline"/> passes.</summary>
    /// <returns>Whether the condition held before the deadline.</returns>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan deadline, TimeSpan? interval = null)
    {
        long started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) >= deadline)
            {
                return false;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }

        return true;
    }
}
