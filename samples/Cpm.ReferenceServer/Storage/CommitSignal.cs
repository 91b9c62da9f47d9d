namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// Wakes long polls when events are committed, without polling: waiters take <see cref="Next"/> before they read,
/// and every commit completes that task and swaps in a fresh one.
/// </summary>
internal sealed class CommitSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next commit after this property was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Called after a commit that stored at least one event.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
