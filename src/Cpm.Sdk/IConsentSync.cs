namespace Cpm.Sdk;

/// <summary>Synchronisation with the central CPM endpoint.</summary>
public interface IConsentSync
{
    /// <summary>A snapshot of synchronisation health: state, last successes, outbox depth and dead letters.</summary>
    SyncStatus Status { get; }

    /// <summary>Runs one full round now: refresh the catalog, push the outbox, then pull remote changes.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>What the round moved. A failure does not throw: the returned status shows it.</returns>
    Task<SyncResult> SyncNowAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the dead letters: events the endpoint rejected (<see cref="DeadLetterKind.Rejected"/>, with the stored
    /// record) and pulled events that could not be merged (<see cref="DeadLetterKind.Unmergeable"/>, with their wire
    /// JSON), oldest first.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every dead letter.</returns>
    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives dead letters another chance once their cause is fixed: a rejected event goes back to the outbox
    /// untouched (same id and content; the endpoint de-duplicates), and an unmergeable one is merged again, staying
    /// parked if it still cannot be merged.
    /// </summary>
    /// <param name="eventIds">The events to requeue; <see langword="null"/> requeues every dead letter.</param>
    /// <param name="cancellationToken">Cancels before anything is written.</param>
    /// <returns>How many were requeued or merged.</returns>
    Task<int> RequeueDeadLettersAsync(IEnumerable<Guid>? eventIds = null, CancellationToken cancellationToken = default);
}
