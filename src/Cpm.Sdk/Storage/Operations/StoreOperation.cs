namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// One unit of work for the single store writer. <see cref="Apply"/> runs inside the batch's transaction on the
/// writer thread; <see cref="Complete"/> runs after the commit and after the gate index is updated.
/// </summary>
internal abstract class StoreOperation
{
    public abstract void Apply(WriteBatch batch);

    public abstract void Complete();

    public abstract void Fail(Exception error);
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
}
