namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// Gives dead letters another chance in one transaction: rejected events go back to the outbox untouched, and parked
/// events that now pass validation are merged and leave the parked table. Each counts only if it was still a dead
/// letter when the batch ran, so two requeues of the same event count it once.
/// </summary>
internal sealed class RequeueOperation(IReadOnlyList<Guid> rejected, IReadOnlyList<(long Seq, StoredEvent Event)> mergeable)
    : StoreOperation<RequeueResult>
{
    public override void Apply(WriteBatch batch)
    {
        int requeued = 0, merged = 0;
        foreach (Guid id in rejected)
        {
            requeued += batch.Requeue(id) ? 1 : 0;
        }

        foreach ((long seq, StoredEvent stored) in mergeable)
        {
            if (batch.Unpark(seq))
            {
                batch.AddEvent(stored, enqueueOutbox: false);
                merged++;
            }
        }

        Result = new RequeueResult(requeued, merged);
    }
}

/// <summary>What a requeue changed: rejected events back in the outbox, and parked events merged.</summary>
internal readonly record struct RequeueResult(int Requeued, int Merged);
