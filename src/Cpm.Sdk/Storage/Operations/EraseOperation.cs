namespace Cpm.Sdk.Storage.Operations;

/// <summary>A local erasure: the erasure event, and in the same transaction everything it erases.</summary>
internal sealed class EraseOperation(StoredEvent erasure) : StoreOperation<(ConsentRecord Record, ErasureOutcome Outcome)>
{
    public override void Apply(WriteBatch batch)
    {
        (ConsentRecord record, _) = batch.AddEvent(erasure, enqueueOutbox: true, out ErasureOutcome? outcome);
        Result = (record, outcome ?? new ErasureOutcome(0, 0, 0));
    }
}
