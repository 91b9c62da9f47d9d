namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// Counts one send in the ledger, in the same group commit as other writes: durable before the guard answers. Sends come
/// at send rate, so the operation is pooled (<see cref="PooledOperation"/>): <see cref="Rent"/> one per reservation.
/// </summary>
internal sealed class ReserveOperation : PooledOperation
{
    /// <summary>As many as one group commit takes: more are never in flight for long.</summary>
    private static readonly OperationPool<ReserveOperation> Pool = new(ConsentWriter.MaxBatch);

    private Guid _id;
    private string _userId = "";
    private string _purpose = "";
    private string _channel = "";
    private long _reservedAtMs;

    private ReserveOperation()
    {
    }

    /// <summary>A free operation for this send, ready to be queued.</summary>
    public static ReserveOperation Rent(Guid id, string userId, string purpose, string channel, long reservedAtMs)
    {
        ReserveOperation operation = Pool.Rent() ?? new ReserveOperation();
        operation._id = id;
        operation._userId = userId;
        operation._purpose = purpose;
        operation._channel = channel;
        operation._reservedAtMs = reservedAtMs;
        operation.Requeue();
        return operation;
    }

    public override void Apply(WriteBatch batch) => batch.Ledger.Insert(_id, _userId, _purpose, _channel, _reservedAtMs);

    protected override void Recycle()
    {
        // A pooled operation keeps no caller's strings alive.
        _userId = _purpose = _channel = "";
        Pool.Return(this);
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
