namespace Cpm.Sdk.Testing;

/// <summary>
/// A send that <see cref="ISendGuard.ReserveAsync"/> allowed and counted in a <see cref="TestConsent"/>: what a test
/// asserts its send code reserved, and whether it gave the place back.
/// </summary>
/// <param name="Id">The <see cref="SendDecision.ReservationId"/>.</param>
/// <param name="UserId">The person.</param>
/// <param name="Purpose">The purpose or topic of the send.</param>
/// <param name="Channel">The channel of the send.</param>
/// <param name="ReservedAt">When the send was reserved, by the double's clock, in whole milliseconds.</param>
public sealed record SendReservation(Guid Id, string UserId, string Purpose, string Channel, DateTimeOffset ReservedAt)
{
    /// <summary>
    /// When <see cref="ISendGuard.ReleaseAsync"/> gave the place back; <see langword="null"/> while it counts (a release
    /// that changed nothing, such as one after the reservation's periods ended, leaves it <see langword="null"/>).
    /// </summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>Whether the reservation was given back.</summary>
    public bool IsReleased => ReleasedAt is not null;
}
