namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// One unit of work for the single store writer. <see cref="Apply"/> runs inside the batch's transaction on the
/// writer thread; <see cref="Complete"/> runs after the commit and after the gate index is updated.
/// </summary>
/// <remarks>
/// An operation is queued, then either taken by the writer or withdrawn (its caller cancelled, or the client closed
/// before the writer reached it). The switch is atomic and happens once: a withdrawn operation is never written, and
/// a taken one always reports the commit's real outcome, so a caller told "cancelled" or "closed" knows nothing was
/// written and may retry without creating a duplicate.
/// </remarks>
internal abstract class StoreOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Withdrawn = 2;

    private int _state;

    /// <summary>Called by the writer before it adds the operation to a batch; <see langword="false"/> when it was withdrawn.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public abstract void Apply(WriteBatch batch);

    public abstract void Complete();

    public abstract void Fail(Exception error);

    /// <summary>The caller's token fired: cancels the caller's wait, but only while the writer has not taken the operation.</summary>
    public abstract void Cancel(CancellationToken cancellationToken);

    /// <summary>The client closed before the writer took the operation: fails it with <paramref name="error"/>, unless it was taken.</summary>
    public abstract void Abandon(Exception error);

    /// <summary>Withdraws the operation from the writer; <see langword="false"/> when the writer already took it.</summary>
    protected bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;

    /// <summary>Makes a pooled operation (<see cref="PooledOperation"/>) queueable again, once its previous use is over.</summary>
    protected void Requeue() => Volatile.Write(ref _state, Queued);
}

/// <summary>A store operation whose caller awaits a result.</summary>
internal abstract class StoreOperation<T> : StoreOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Completion => _completion.Task;

    /// <summary>Set by <see cref="StoreOperation.Apply"/>; handed to the caller once committed.</summary>
    protected T Result { get; set; } = default!;

    public override void Complete() => _completion.TrySetResult(Result);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Cancel(CancellationToken cancellationToken)
    {
        if (TryWithdraw())
        {
            _completion.TrySetCanceled(cancellationToken);
        }
    }

    public override void Abandon(Exception error)
    {
        if (TryWithdraw())
        {
            _completion.TrySetException(error);
        }
    }
}
