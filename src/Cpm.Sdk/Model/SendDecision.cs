namespace Cpm.Sdk;

/// <summary>What <see cref="ISendGuard.ReserveAsync"/> decided for one send.</summary>
/// <param name="IsAllowed">Whether the send may go out now.</param>
/// <param name="Reason">The gate's reason when it denies; <see cref="DecisionReason.FrequencyCapped"/> when a period is full.</param>
/// <param name="ReservationId">
/// The counted send, to give back with <see cref="ISendGuard.ReleaseAsync"/> if it does not go out; <see langword="null"/>
/// when denied, or when the purpose is never counted (a contract or legal obligation).
/// </param>
public readonly record struct SendDecision(bool IsAllowed, DecisionReason Reason, Guid? ReservationId);
