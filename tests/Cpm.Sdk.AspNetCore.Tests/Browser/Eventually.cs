using System.Diagnostics;

namespace Cpm.Sdk.AspNetCore.Tests.Browser;

/// <summary>Polls a condition until it holds or a deadline passes; no wall-clock threshold is asserted, only the deadline.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Waits for <paramref name="condition"/>; returns how long it took, measured from <paramref name="since"/>.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<bool> condition, TimeSpan deadline, string what, Stopwatch since)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Not reached within {deadline.TotalSeconds:F0} s: {what}");
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }

        return since.Elapsed;
    }
}
