namespace Cpm.Sdk.Storage.Operations;

/// <summary>Counts one send in the ledger, in the same group commit as other writes: durable before the guard answers.</summary>
internal sealed class ReserveOperation(Guid id, string userId, string purpose, string channel, long reservedAtMs) : StoreOperation<bool>
{
    public override void Apply(WriteBatch batch)
    {
        batch.Ledger.Insert(id, userId, purpose, channel, reservedAtMs);
        Result = true;
    }
}

/// <summary>
/// Gives a send back: deletes its row when <paramref name="stillCounts"/> says its time is in a current period; the
/// result is the person whose send it was, or <see langword="null"/> when nothing changed (unknown, released, or past).
/// </summary>
internal sealed class ReleaseOperation(Guid id, Func<long, bool> stillCounts) : StoreOperation<string?>
{
    public override void Apply(WriteBatch batch)
    {
        if (batch.Ledger.Find(id) is { } held && stillCounts(held.ReservedAtMs))
        {
            batch.Ledger.Delete(id);
            Result = held.UserId;
        }
    }
}

/// <summary>Deletes the reservations made before <paramref name="beforeMs"/>, whose periods are all over.</summary>
internal sealed class PruneLedgerOperation(long beforeMs) : StoreOperation<int>
{
    public override void Apply(WriteBatch batch) => Result = batch.Ledger.Prune(beforeMs);
}
