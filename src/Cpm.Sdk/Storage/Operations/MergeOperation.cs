namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// A pulled page, in one transaction: the valid events merged idempotently by id under the latest-action rule, the
/// invalid ones parked with their wire JSON, and the pull cursor saved. So the cursor passes only events that were
/// merged or parked, and if the commit fails it does not move at all.
/// </summary>
internal sealed class MergeOperation(IReadOnlyList<StoredEvent> events, IReadOnlyList<ParkedEvent> parked, string cursor) : StoreOperation<MergeResult>
{
    public override void Apply(WriteBatch batch)
    {
        int added = 0, newlyParked = 0;
        List<DateTimeOffset>? capturedAt = null;
        foreach (StoredEvent remote in events)
        {
            if (batch.AddEvent(remote, enqueueOutbox: false).Inserted)
            {
                added++;
                (capturedAt ??= []).Add(remote.Record.OccurredAt);
            }
        }

        foreach (ParkedEvent item in parked)
        {
            newlyParked += batch.Park(item.Id, item.Body, item.Reason) ? 1 : 0;
        }

        batch.Commands.SetSyncState(SyncStateKeys.Cursor, cursor);
        Result = new MergeResult(added, newlyParked, capturedAt ?? []);
    }
}

/// <summary>What a merge changed: events new here (captured at <paramref name="AddedOccurredAt"/>), and events newly parked.</summary>
internal readonly record struct MergeResult(int Added, int Parked, IReadOnlyList<DateTimeOffset> AddedOccurredAt);
