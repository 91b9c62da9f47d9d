using System.Threading.Channels;
using Cpm.Sdk.Storage.Operations;

namespace Cpm.Sdk.Storage;

/// <summary>How callers queue operations for the single writer and wait for their outcome.</summary>
internal sealed partial class ConsentWriter
{
    /// <summary>
    /// Queues an operation and waits for its outcome. <paramref name="cancellationToken"/> cancels only while the
    /// operation waits in the queue; once the writer has taken it, the caller gets the commit's real outcome.
    /// </summary>
    public async Task<T> SubmitAsync<T>(StoreOperation<T> operation, CancellationToken cancellationToken)
    {
        await QueueAsync(operation, cancellationToken).ConfigureAwait(false);
        using (cancellationToken.UnsafeRegister(static (operation, token) => ((StoreOperation)operation!).Cancel(token), operation))
        {
            return await operation.Completion.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <see cref="SubmitAsync{T}"/> for a pooled operation, with the same contract. While the queue has room and the
    /// token is not cancelled, nothing is allocated: the operation is queued at once and its caller waits on the
    /// operation itself. A full queue, a closed client or a cancelled token take the general path.
    /// </summary>
    public ValueTask SubmitPooledAsync(PooledOperation operation, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && _queue.Writer.TryWrite(operation)
            ? operation.WaitAsync(cancellationToken)
            : QueueAndWaitAsync(operation, cancellationToken);

    private async ValueTask QueueAndWaitAsync(PooledOperation operation, CancellationToken cancellationToken)
    {
        await QueueAsync(operation, cancellationToken).ConfigureAwait(false);
        await operation.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for room in the queue (or the token); a closed client's queue fails: nothing was written.</summary>
    private async ValueTask QueueAsync(StoreOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw NotWritten();
        }
    }
}
