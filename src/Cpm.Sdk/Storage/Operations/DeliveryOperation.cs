namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// The server's answer to a push: delivered events leave the outbox; rejected ones move to the dead-letter table
/// with the reason, never dropped quietly.
/// </summary>
internal sealed class DeliveryOperation(IReadOnlyList<Guid> delivered, IReadOnlyList<(Guid Id, string Reason)> rejected)
    : StoreOperation<int>
{
    public override void Apply(WriteBatch batch)
    {
        foreach (Guid id in delivered)
        {
            batch.RemoveFromOutbox(id);
        }

        foreach ((Guid id, string reason) in rejected)
        {
            batch.DeadLetter(id, reason);
        }

        Result = delivered.Count;
    }
}
