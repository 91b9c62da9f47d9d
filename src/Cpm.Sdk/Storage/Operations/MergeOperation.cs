namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// Pulled remote events, merged idempotently by id under the latest-action rule, with the pull cursor saved in
/// the same transaction. Returns how many events were new here.
/// </summary>
internal sealed class MergeOperation(IReadOnlyList<StoredEvent> events, string cursor) : StoreOperation<int>
{
    public override void Apply(WriteBatch batch)
    {
        int added = 0;
        foreach (StoredEvent remote in events)
        {
            added += batch.AddEvent(remote, enqueueOutbox: false).Inserted ? 1 : 0;
        }

        batch.Commands.SetSyncState(SyncStateKeys.Cursor, cursor);
        Result = added;
    }
}
