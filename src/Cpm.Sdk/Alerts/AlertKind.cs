namespace Cpm.Sdk;

/// <summary>What a <see cref="CpmAlert"/> warns of.</summary>
public enum AlertKind
{
    /// <summary>
    /// More than <see cref="AlertOptions.MassWithdrawalThreshold"/> withdrawals of one purpose occurred within
    /// <see cref="AlertOptions.MassWithdrawalWindow"/>, captured here or pulled from the endpoint.
    /// </summary>
    MassWithdrawal,

    /// <summary>The oldest record waiting in the outbox was captured longer than <see cref="AlertOptions.OutboxBacklogAge"/> ago.</summary>
    OutboxBacklog,

    /// <summary>No pull has succeeded for longer than <see cref="AlertOptions.PullStaleAfter"/> while an endpoint is set.</summary>
    PullStale,

    /// <summary>Records the endpoint rejected, or pulled events that could not be merged, are kept (<see cref="IConsentSync.GetDeadLettersAsync"/>).</summary>
    DeadLetters,

    /// <summary>The endpoint refused the API key: sync is stopped (<see cref="SyncState.AuthFailed"/>).</summary>
    AuthFailed,

    /// <summary>The endpoint's signed log is not consistent with the last checkpoint kept: the pull is stopped (<see cref="SyncState.HistoryRewritten"/>).</summary>
    HistoryRewritten,
}
