namespace Cpm.Sdk.Sync;

/// <summary>Keeps the sync state the loops report, and builds <see cref="SyncStatus"/> snapshots from it.</summary>
internal sealed class SyncStatusTracker(bool enabled, Func<long> outboxDepth, Func<long> deadLetters)
{
    private readonly Lock _gate = new();
    private SyncState _state = enabled ? SyncState.Offline : SyncState.Disabled;
    private DateTimeOffset? _lastPush;
    private DateTimeOffset? _lastPull;
    private string? _lastError;

    public bool IsAuthFailed
    {
        get
        {
            lock (_gate)
            {
                return _state == SyncState.AuthFailed;
            }
        }
    }

    public SyncStatus Snapshot()
    {
        lock (_gate)
        {
            return new SyncStatus
            {
                State = _state,
                LastPushAt = _lastPush,
                LastPullAt = _lastPull,
                OutboxDepth = outboxDepth(),
                DeadLetterCount = deadLetters(),
                LastError = _lastError,
            };
        }
    }

    /// <summary>Records a successful exchange; returns whether the endpoint was unreachable before it (a reconnect).</summary>
    public bool Succeeded(DateTimeOffset now, bool push)
    {
        lock (_gate)
        {
            bool reconnected = _state != SyncState.Online;
            _state = SyncState.Online;
            _lastError = null;
            if (push)
            {
                _lastPush = now;
            }
            else
            {
                _lastPull = now;
            }

            return reconnected;
        }
    }

    public void Failed(SyncFailure failure)
    {
        lock (_gate)
        {
            _lastError = failure.Message;
            if (_state != SyncState.AuthFailed || failure.Outcome == Http.Outcome.AuthFailed)
            {
                _state = failure.Outcome == Http.Outcome.AuthFailed ? SyncState.AuthFailed : SyncState.Offline;
            }
        }
    }

    /// <summary>A non-fatal problem worth showing (an event refused, a cursor reset) without changing the state.</summary>
    public void Note(string error)
    {
        lock (_gate)
        {
            _lastError = error;
        }
    }
}
