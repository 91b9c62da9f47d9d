using Cpm.Sdk.Preferences;
using Cpm.Sdk.Storage.Operations;

namespace Cpm.Sdk.Storage;

/// <summary>The send guard's counts in the store's <c>send_ledger</c> table, written by the single writer in its group commits.</summary>
internal sealed class WriterLedgerStore(ConsentWriter writer) : ILedgerStore
{
    public event Action<string>? UserErased
    {
        add => writer.UserErased += value;
        remove => writer.UserErased -= value;
    }

    /// <remarks>No async wrapper: the caller awaits the pooled operation itself (one reservation, no allocation).</remarks>
    public ValueTask ReserveAsync(Guid id, string userId, string purpose, string channel, long reservedAtMs, CancellationToken cancellationToken) =>
        writer.SubmitPooledAsync(ReserveOperation.Rent(id, userId, purpose, channel, reservedAtMs), cancellationToken);

    public async ValueTask<string?> ReleaseAsync(Guid id, Func<long, bool> stillCounts, CancellationToken cancellationToken) =>
        await writer.SubmitAsync(new ReleaseOperation(id, stillCounts), cancellationToken).ConfigureAwait(false);

    public Task PruneAsync(long beforeMs) => writer.SubmitAsync(new PruneLedgerOperation(beforeMs), CancellationToken.None);
}
