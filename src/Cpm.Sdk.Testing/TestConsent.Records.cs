namespace Cpm.Sdk.Testing;

/// <summary>The recorder and the history, over the double's in-memory store.</summary>
public sealed partial class TestConsent
{
    /// <inheritdoc/>
    /// <remarks>
    /// Validated by the client's own rules, so bad input throws the same exception, naming the same field, and stores
    /// nothing. The record is listed in <see cref="Recorded"/> and <see cref="Records"/>, and the gate reflects it at once.
    /// </remarks>
    public ValueTask<ConsentRecord> RecordAsync(ConsentCapture capture, CancellationToken cancellationToken = default)
    {
        try
        {
            return ValueTask.FromResult(_store.Record(capture, byCode: true, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ConsentRecord>(cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<ConsentRecord>(ex);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The person's events (their choices and links) and their erasures, by <see cref="ConsentRecord.OccurredAt"/>;
    /// what an erasure erased is gone from it, as in a store.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is not a valid user id.</exception>
    public Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(string userId, CancellationToken cancellationToken = default)
    {
        Rights.RightsArguments.CheckUser(userId);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<IReadOnlyList<ConsentRecord>>(cancellationToken)
            : Task.FromResult(_store.History(userId));
    }
}
