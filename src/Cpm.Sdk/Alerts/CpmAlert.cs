namespace Cpm.Sdk;

/// <summary>
/// Something an operator should look at, active from <paramref name="At"/> until its cause is gone
/// (<see cref="SyncStatus.Alerts"/>); <see cref="CpmClient.AlertRaised"/> announces it once when it becomes active.
/// </summary>
/// <param name="Kind">What it warns of.</param>
/// <param name="At">When it became active, by <see cref="CpmOptions.TimeProvider"/>.</param>
/// <param name="Detail">
/// What was seen, for people: counts, ages, limits and purpose ids. It never holds personal data (no user id, no
/// evidence) nor text the endpoint sent.
/// </param>
public sealed record CpmAlert(AlertKind Kind, DateTimeOffset At, string Detail);
