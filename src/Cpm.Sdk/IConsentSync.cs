namespace Cpm.Sdk;

/// <summary>Synchronisation with the central CPM endpoint.</summary>
public interface IConsentSync
{
    /// <summary>A snapshot of synchronisation health: state, last successes, outbox depth and dead letters.</summary>
    SyncStatus Status { get; }

    /// <summary>Runs one full round now: push the outbox, then pull remote changes.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>What the round moved.</returns>
    Task<SyncResult> SyncNowAsync(CancellationToken cancellationToken = default);
}
