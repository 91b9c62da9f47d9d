namespace Cpm.Sdk;

/// <summary>Where synchronisation with the central endpoint stands.</summary>
public enum SyncState
{
    /// <summary>No endpoint is configured: the instance runs offline only.</summary>
    Disabled = 0,

    /// <summary>The endpoint is configured but was not reached lately.</summary>
    Offline = 1,

    /// <summary>The last exchange with the endpoint succeeded.</summary>
    Online = 2,

    /// <summary>The endpoint refused the API key; sync stays stopped until the key is fixed.</summary>
    AuthFailed = 3,

    /// <summary>
    /// The endpoint does not speak this SDK's protocol version; sync stays stopped, nothing is dead-lettered, and a
    /// later successful <see cref="IConsentSync.SyncNowAsync"/> (after the endpoint or the SDK is upgraded) resumes it.
    /// </summary>
    Incompatible = 4,

    /// <summary>
    /// The endpoint's signed checkpoints show that it rewrote or forked its history: a checkpoint signed with another
    /// key than the configured or pinned one, a bad signature, a log that shrank, or a consistency proof that fails.
    /// Pulls stop, so nothing more is merged from that history; pushes go on, because delivering this instance's own
    /// records needs no trust in the endpoint's past. <see cref="SyncStatus.LastError"/> names what failed. A later
    /// successful <see cref="IConsentSync.SyncNowAsync"/> (the endpoint's log is consistent with the kept checkpoint
    /// again) resumes pulling.
    /// </summary>
    HistoryRewritten = 5,
}
