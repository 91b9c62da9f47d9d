namespace Cpm.Sdk;

/// <summary>The thresholds of <see cref="CpmAlert"/>s (<see cref="CpmOptions.Alerts"/>). Validated when the client opens.</summary>
public sealed class AlertOptions
{
    /// <summary>The longest <see cref="MassWithdrawalWindow"/>: seven days.</summary>
    internal static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// <see cref="AlertKind.MassWithdrawal"/> is raised when more than this many withdrawals of one purpose occurred
    /// within <see cref="MassWithdrawalWindow"/>. At least 1. Default 100.
    /// </summary>
    public int MassWithdrawalThreshold { get; set; } = 100;

    /// <summary>
    /// The sliding window withdrawals are counted in, by when they occurred, up to seven days; it slides in
    /// steps of a sixtieth of itself. Withdrawals that occurred before it (an old history pulled late) do not count.
    /// Default 10 minutes.
    /// </summary>
    public TimeSpan MassWithdrawalWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <see cref="AlertKind.OutboxBacklog"/> is raised when the oldest record waiting in the outbox was queued longer
    /// ago than this, while an endpoint is set. Default 15 minutes.
    /// </summary>
    public TimeSpan OutboxBacklogAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <see cref="AlertKind.PullStale"/> is raised when no pull has succeeded for longer than this (counted from the open
    /// before the first one), while an endpoint is set. Longer than <see cref="CpmOptions.PollWait"/>. Default 15 minutes.
    /// </summary>
    public TimeSpan PullStaleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often the time-based alerts (window, backlog, stale pull) are looked at, on a timer of
    /// <see cref="CpmOptions.TimeProvider"/>; every read of <see cref="IConsentSync.Status"/> looks too. Up to one hour.
    /// Default 30 seconds.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
