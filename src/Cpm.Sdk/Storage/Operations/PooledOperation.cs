using System.Threading.Tasks.Sources;

namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// A store operation that is reused: its caller waits on a <see cref="ValueTask"/> backed by the operation itself, and
/// the operation goes back to its pool once that caller has read the outcome. A path run at send rate (a reservation)
/// then allocates no operation, no completion source and no task per call. The contract is that of every
/// <see cref="StoreOperation"/>: the caller's token and the client's close withdraw it only while it is queued; once the
/// writer took it, the caller gets the commit's real outcome.
/// </summary>
/// <remarks>
/// <para>Reuse must never let a previous use reach the next one. An operation is recycled only when all of these hold:
/// the writer took it (so it was read from the queue, and no queue entry still refers to it: a withdrawn operation may
/// still be queued, so it is left to the GC instead); it was completed, exactly once (the taken/withdrawn switch decides
/// which of the writer, the token and the drain completes it); the caller read the outcome; and the token's registration
/// was disposed, which waits for a callback running at that moment, so no late cancellation reaches the next use.</para>
/// <para>Resetting changes the version that each <see cref="ValueTask"/> carries: a stale one read again throws
/// <see cref="InvalidOperationException"/> instead of seeing the next caller's outcome. The <see cref="ValueTask"/> is
/// internal to the SDK and awaited once; callers of the public API get the task of the method that awaits it.</para>
/// </remarks>
internal abstract class PooledOperation : StoreOperation, IValueTaskSource
{
    // Continuations run on the thread pool, never inline on the writer thread, which has the next commit to do.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;

    /// <summary>
    /// The caller's wait for the outcome, cancelled by <paramref name="cancellationToken"/> only while the operation is
    /// queued. Called once per use, right after the operation was queued; awaited once.
    /// </summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        _registration = cancellationToken.UnsafeRegister(static (operation, token) => ((StoreOperation)operation!).Cancel(token), this);
        return new ValueTask(this, _core.Version);
    }

    public override void Complete() => _core.SetResult(true);

    public override void Fail(Exception error) => _core.SetException(error);

    public override void Cancel(CancellationToken cancellationToken)
    {
        if (TryWithdraw())
        {
            // What awaiting a task cancelled with this token throws, as for every other store operation.
            _core.SetException(new TaskCanceledException(null, null, cancellationToken));
        }
    }

    public override void Abandon(Exception error)
    {
        if (TryWithdraw())
        {
            _core.SetException(error);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void GetResult(short token)
    {
        // A stale token or an outcome not there yet throws here, before anything is released.
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            throw new InvalidOperationException("The store operation has not completed yet: await it instead.");
        }

        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Clears the use's data and hands the operation back to its pool; called once per use, when it is over.</summary>
    protected abstract void Recycle();

    private void Release()
    {
        _registration.Dispose();
        _registration = default;
        if (WasTaken)
        {
            _core.Reset();
            Recycle();
        }
    }
}
