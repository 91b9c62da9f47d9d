namespace Cpm.Sdk;

/// <summary>
/// What a sender calls right before each marketing send: the gate, then the person's frequency cap and the business
/// rules (<see cref="CpmOptions.FrequencyRules"/>), counted atomically and durably. Registered by <c>AddCpm</c>.
/// </summary>
public interface ISendGuard
{
    /// <summary>
    /// Decides one send and, when it is allowed, counts it: the gate first (its reason when it denies), then the cap of
    /// the grant that decided and every matching business rule, most restrictive first
    /// (<see cref="DecisionReason.FrequencyCapped"/> when one's period is full). An allowed decision carries a
    /// reservation id and is durable when returned: it survives a restart or a crash. Purposes whose legal basis is a
    /// contract or a legal obligation are never capped and never counted.
    /// </summary>
    /// <param name="userId">The person.</param>
    /// <param name="purpose">A purpose id or a topic of one.</param>
    /// <param name="channel">A channel id (not <c>*</c>).</param>
    /// <param name="cancellationToken">Cancels before the reservation is counted.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">A malformed user id, purpose or channel; nothing is counted.</exception>
    ValueTask<SendDecision> ReserveAsync(string userId, string purpose, string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a reservation back when the send did not happen. Releasing twice, an unknown id, or a reservation of a
    /// period that has ended changes nothing.
    /// </summary>
    /// <param name="reservationId">The <see cref="SendDecision.ReservationId"/>.</param>
    /// <param name="cancellationToken">Cancels before the release is written.</param>
    /// <returns>A task that completes once the release is durable.</returns>
    ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken = default);
}
