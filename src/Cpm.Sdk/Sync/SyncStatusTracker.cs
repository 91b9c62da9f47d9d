using Cpm.Sdk.Alerts;
using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk.Sync;

/// <summary>The exchanges whose health makes up the sync state.</summary>
internal enum SyncChannel
{
    Push,
    Pull,
    Catalog,
}

/// <summary>
/// Keeps the sync state the loops report, and builds <see cref="SyncStatus"/> snapshots from it. Each channel (push,
/// pull, catalog) keeps its own last failure, so a healthy pull never hides a broken push: the state is
/// <see cref="SyncState.Online"/> only while none is failing. A stop state (<see cref="SyncState.AuthFailed"/>,
/// <see cref="SyncState.Incompatible"/>, <see cref="SyncState.HistoryRewritten"/>) wins over both and is cleared only by
/// a success of an exchange that began after it: each exchange takes a ticket (<see cref="Epoch"/>) when it starts, and
/// every stop starts a new epoch. <see cref="SyncState.HistoryRewritten"/> stops the pull only: pushes go on, and only a
/// pull (whose round checks the endpoint's log again) can clear it.
/// </summary>
internal sealed class SyncStatusTracker(bool enabled, Func<long> outboxDepth, Func<long> deadLetters, long parkedAtOpen = 0)
{
    private readonly Lock _gate = new();
    private readonly string?[] _failures = new string?[3];
    private readonly long[] _failedAt = new long[3];
    private long _sequence;
    private long _epoch;
    private SyncState? _stopped;
    private string? _stopError;
    private bool _succeeded;
    private DateTimeOffset? _lastPush;
    private DateTimeOffset? _lastPull;
    private long _parked = parkedAtOpen;

    /// <summary>The client's alerts: every snapshot carries those active, and every exchange's result is looked at.</summary>
    public AlertMonitor? Alerts { get; set; }

    /// <summary>When the oldest record waiting in the outbox was queued (the backlog alert).</summary>
    public Func<DateTimeOffset?>? OldestOutboxAt { get; set; }

    /// <summary>What the sync alerts are decided from, now.</summary>
    public SyncFacts Facts()
    {
        DateTimeOffset? oldest = OldestOutboxAt?.Invoke();
        lock (_gate)
        {
            return new SyncFacts(enabled, _stopped, _lastPull, outboxDepth(), oldest, deadLetters(), _parked);
        }
    }

    /// <summary>The ticket an exchange takes when it starts; see <see cref="Succeeded"/>.</summary>
    public long Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
    }

    /// <summary>
    /// Takes a ticket for an exchange of <paramref name="channel"/> about to start, unless a stop state keeps it from
    /// running. Checking and taking at once means an exchange can never hold a ticket of an epoch it did not see begin,
    /// so it can never clear a stop it missed.
    /// </summary>
    public bool TryBegin(SyncChannel channel, out long ticket)
    {
        lock (_gate)
        {
            ticket = _epoch;
            return !BlocksCore(channel);
        }
    }

    /// <summary>Whether a stop state keeps exchanges of <paramref name="channel"/> from running now.</summary>
    public bool Blocks(SyncChannel channel)
    {
        lock (_gate)
        {
            return BlocksCore(channel);
        }
    }

    /// <summary>The stop state that holds, or <see langword="null"/>.</summary>
    public SyncState? StopState
    {
        get
        {
            lock (_gate)
            {
                return _stopped;
            }
        }
    }

    /// <summary>Whether a stop state holds: the loops wait (the push loop goes on during <see cref="SyncState.HistoryRewritten"/>) and only a manual round can clear it.</summary>
    public bool IsStopped => StopState is not null;

    public SyncStatus Snapshot()
    {
        IReadOnlyList<CpmAlert> alerts = Alerts?.Current() ?? [];   // outside the lock: the alerts read Facts
        lock (_gate)
        {
            return new SyncStatus
            {
                Alerts = alerts,
                State = State(),
                LastPushAt = _lastPush,
                LastPullAt = _lastPull,
                OutboxDepth = outboxDepth(),
                DeadLetterCount = deadLetters(),
                ParkedCount = _parked,
                LastError = _stopped is not null ? _stopError : LatestFailure(),
            };
        }
    }

    /// <summary>
    /// Records a successful exchange that started with <paramref name="ticket"/>. Returns <see langword="true"/> when it
    /// ends a failure (its channel's, a stop state, or the offline start): the other loops should look again at once.
    /// An exchange that was already in flight when a stop state began changes nothing.
    /// </summary>
    public bool Succeeded(SyncChannel channel, long ticket, DateTimeOffset now)
    {
        lock (_gate)
        {
            bool recovered = State() != SyncState.Online && (_stopped is not null || !_succeeded || _failures[(int)channel] is not null);
            if (_stopped is not null)
            {
                if (ticket != _epoch)
                {
                    return false;
                }

                if (_stopped == SyncState.HistoryRewritten && channel != SyncChannel.Pull)
                {
                    // A push or a catalog says nothing about the endpoint's history: the stop holds.
                    recovered = false;
                }
                else
                {
                    _stopped = null;
                    _stopError = null;
                    Array.Clear(_failures);
                }
            }

            _failures[(int)channel] = null;
            _succeeded = true;
            if (channel == SyncChannel.Push)
            {
                _lastPush = now;
            }
            else if (channel == SyncChannel.Pull)
            {
                _lastPull = now;
            }

            return recovered;
        }
    }

    /// <summary>Whether the last exchange of <paramref name="channel"/> failed (a stop state aside).</summary>
    public bool IsFailing(SyncChannel channel)
    {
        lock (_gate)
        {
            return _failures[(int)channel] is not null;
        }
    }

    /// <summary>Whether the state is <see cref="SyncState.Online"/> now.</summary>
    public bool IsOnline
    {
        get
        {
            lock (_gate)
            {
                return State() == SyncState.Online;
            }
        }
    }

    /// <summary>Records a failed exchange; a stop-state failure starts a new epoch.</summary>
    public void Failed(SyncChannel channel, SyncFailure failure)
    {
        string message = $"{channel.ToString().ToLowerInvariant()}: {failure.Message}";
        lock (_gate)
        {
            if (ResponseClassifier.StopsSync(failure.Outcome))
            {
                _stopped = failure.Outcome switch
                {
                    Outcome.AuthFailed => SyncState.AuthFailed,
                    Outcome.HistoryRewritten => SyncState.HistoryRewritten,
                    _ => SyncState.Incompatible,
                };
                _stopError = message;
                _epoch++;
                return;
            }

            _failures[(int)channel] = message;
            _failedAt[(int)channel] = ++_sequence;
        }
    }

    /// <summary>Adds pulled events parked as unmergeable (or, negative, requeued and merged).</summary>
    public void AddParked(long delta)
    {
        lock (_gate)
        {
            _parked += delta;
        }
    }

    private bool BlocksCore(SyncChannel channel) =>
        _stopped is { } stopped && !(stopped == SyncState.HistoryRewritten && channel == SyncChannel.Push);

    private SyncState State() =>
        !enabled ? SyncState.Disabled
        : _stopped is { } stopped ? stopped
        : _succeeded && Array.TrueForAll(_failures, f => f is null) ? SyncState.Online
        : SyncState.Offline;

    private string? LatestFailure()
    {
        int latest = -1;
        for (int i = 0; i < _failures.Length; i++)
        {
            if (_failures[i] is not null && (latest < 0 || _failedAt[i] > _failedAt[latest]))
            {
                latest = i;
            }
        }

        return latest < 0 ? null : _failures[latest];
    }
}
