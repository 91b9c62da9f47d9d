using System.Threading.Tasks.Sources;

namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// A store operation that is reused: its caller waits on a <see cref="ValueTask"/> backed by the operation itself, and
/// the operation goes back to its pool once the writer completed it and the caller read the outcome. A path run at send
/// rate (a reservation) then allocates no operation, no completion source and no task per call. The contract is that of
/// every <see cref="StoreOperation"/>: the caller's token and the client's close withdraw it only while it is queued;
/// once the writer took it, the caller gets the commit's real outcome.
/// </summary>
/// <remarks>
/// <para>Reuse must never let a previous use reach the next one. An operation is recycled only once both of its holders
/// let go of it: the writer, once its <see cref="Complete"/> or <see cref="Fail"/> returned (the core may still be
/// touched for a moment after the caller can see the outcome), and the caller, once it read the outcome and disposed
/// the token's registration (which waits for a callback running at that moment, so no late cancellation reaches the
/// next use). A withdrawn operation (cancelled, or abandoned at close) is never recycled: the writer never took it, so a
/// queue entry may still refer to it; it is left to the GC. Completion happens once: the taken/withdrawn switch decides
/// which of the writer, the token and the close completes it.</para>
/// <para>Resetting changes the version that each <see cref="ValueTask"/> carries, and a use's outcome can be read once:
/// a stale <see cref="ValueTask"/> read again throws <see cref="InvalidOperationException"/> instead of seeing the next
/// caller's outcome. The <see cref="ValueTask"/> is internal to the SDK and awaited once; callers of the public API get
/// the task of the method that awaits it.</para>
/// </remarks>
internal abstract class PooledOperation : StoreOperation, IValueTaskSource
{
    /// <summary>The writer and the caller: the operation is recycled when both let go of it.</summary>
    private const int Holders = 2;

    // Continuations run on the thread pool, never inline on the writer thread, which has the next commit to do.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;
    private int _holders = Holders;
    private int _read;

    /// <summary>
    /// The caller's wait for the outcome, cancelled by <paramref name="cancellationToken"/> only while the operation is
    /// queued. Called once per use, right after the operation was queued; awaited once.
    /// </summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        _registration = cancellationToken.UnsafeRegister(static (operation, token) => ((StoreOperation)operation!).Cancel(token), this);
        return new ValueTask(this, _core.Version);
    }

    public override void Complete()
    {
        _core.SetResult(true);
        LetGo();
    }

    public override void Fail(Exception error)
    {
        _core.SetException(error);
        LetGo();
    }

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
        // A stale token, an outcome not there yet or one already read throws here, before anything is let go.
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            throw new InvalidOperationException("The store operation has not completed yet: await it instead.");
        }

        if (Interlocked.Exchange(ref _read, 1) != 0)
        {
            throw new InvalidOperationException("The store operation's outcome was already read.");
        }

        try
        {
            _core.GetResult(token);
        }
        finally
        {
            _registration.Dispose();
            _registration = default;
            LetGo();
        }
    }

    /// <summary>Clears the use's data and hands the operation back to its pool; called once per use, when it is over.</summary>
    protected abstract void Recycle();

    /// <summary>One holder is done with this use; the last one resets the operation and recycles it.</summary>
    private void LetGo()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            _core.Reset();
            _read = 0;
            _holders = Holders;
            Recycle();
        }
    }
}
