using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Testing.Tests;

/// <summary>
/// A fake clock that cancels a token when it is next read: a cancellation that arrives while a call runs, after the
/// call checked its token on entry. Reads are the only hook inside the send guard that a test has.
/// </summary>
internal sealed class CancellingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private CancellationTokenSource? _armed;

    /// <summary>Cancels <paramref name="source"/> at the next read of the clock, once.</summary>
    public void CancelOnNextReading(CancellationTokenSource source) => Volatile.Write(ref _armed, source);

    public override DateTimeOffset GetUtcNow()
    {
        Interlocked.Exchange(ref _armed, null)?.Cancel();
        return base.GetUtcNow();
    }
}
