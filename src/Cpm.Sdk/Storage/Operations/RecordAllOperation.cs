namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// Several local captures as one operation: every event, state change and outbox entry in the batch's transaction, so
/// they are committed together or not at all.
/// </summary>
internal sealed class RecordAllOperation(IReadOnlyList<StoredEvent> captures) : StoreOperation<IReadOnlyList<ConsentRecord>>
{
    public override void Apply(WriteBatch batch)
    {
        var records = new ConsentRecord[captures.Count];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = batch.AddEvent(captures[i], enqueueOutbox: true).Record;
        }

        Result = records;
    }
}
