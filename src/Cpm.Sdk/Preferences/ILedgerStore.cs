namespace Cpm.Sdk.Preferences;

/// <summary>
/// Where the send guard makes its counts durable before it answers: the store's <c>send_ledger</c> table through the
/// single writer (<see cref="Storage.WriterLedgerStore"/>), or memory in the test doubles (<c>Cpm.Sdk.Testing</c>). The
/// decisions are the guard's and the <see cref="SendLedger"/>'s; this only keeps what they counted.
/// </summary>
internal interface ILedgerStore
{
    /// <summary>Raised after a person's counts were deleted (an erasure), so the guard forgets them in memory too.</summary>
    event Action<string>? UserErased;

    /// <summary>Keeps one counted send; completes once it is durable.</summary>
    ValueTask ReserveAsync(Guid id, string userId, string purpose, string channel, long reservedAtMs, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a send when <paramref name="stillCounts"/> says its time (Unix milliseconds) is in a current period; the
    /// person whose send it was, or <see langword="null"/> when nothing changed (unknown, released, or past).
    /// </summary>
    ValueTask<string?> ReleaseAsync(Guid id, Func<long, bool> stillCounts, CancellationToken cancellationToken);

    /// <summary>Deletes the sends made before <paramref name="beforeMs"/>, whose periods are all over.</summary>
    Task PruneAsync(long beforeMs);
}
