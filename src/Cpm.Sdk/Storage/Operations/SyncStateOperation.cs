namespace Cpm.Sdk.Storage.Operations;

/// <summary>Saves one <c>sync_state</c> value (catalog, ETag, last successes).</summary>
internal sealed class SyncStateOperation(string key, string? value) : StoreOperation<bool>
{
    public override void Apply(WriteBatch batch)
    {
        batch.Commands.SetSyncState(key, value);
        Result = true;
    }
}
