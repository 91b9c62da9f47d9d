namespace Cpm.Sdk.Storage.Operations;

/// <summary>A local capture: event, state and outbox entry in the batch's transaction.</summary>
internal sealed class RecordOperation(StoredEvent capture) : StoreOperation<ConsentRecord>
{
    public override void Apply(WriteBatch batch) => Result = batch.AddEvent(capture, enqueueOutbox: true).Record;
}
