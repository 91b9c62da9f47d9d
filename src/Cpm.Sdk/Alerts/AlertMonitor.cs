using System.Globalization;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Storage.Operations;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Alerts;

/// <summary>
/// Keeps the alerts active now and moves each one on its transitions only: raised once when its cause appears (a
/// metric, a log line, and <see cref="Raised"/> on a thread-pool thread), cleared once when the cause is gone. Mass
/// withdrawals are counted after each commit of the store writer; the sync alerts and the window's expiry are looked at
/// after each sync exchange, on every status read, and on a timer of the client's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AlertMonitor : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<CpmAlert> _active = [];
    private readonly List<string?> _purposes = [];   // beside _active: the purpose of a mass withdrawal, else null
    private readonly AlertOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly WithdrawalWindow _withdrawals;
    private readonly DateTimeOffset _openedAt;
    private readonly ITimer _timer;
    private Func<SyncFacts>? _facts;
    private CpmAlert[] _snapshot = [];
    private bool _disposed;

    public AlertMonitor(AlertOptions options, TimeProvider clock, ILogger logger)
    {
        (_options, _clock, _logger) = (options, clock, logger);
        _withdrawals = new WithdrawalWindow(options.MassWithdrawalWindow);
        _openedAt = clock.GetUtcNow();
        _timer = clock.CreateTimer(static state => ((AlertMonitor)state!).Tick(), this, options.CheckInterval, options.CheckInterval);
    }

    /// <summary>Called with each alert as it becomes active.</summary>
    public event Action<CpmAlert>? Raised;

    /// <summary>Where the sync alerts read their facts; unset, no sync alert is raised.</summary>
    public void WatchSync(Func<SyncFacts> facts) => Volatile.Write(ref _facts, facts);

    /// <summary>Looks at every alert now and returns those active, oldest first.</summary>
    public IReadOnlyList<CpmAlert> Current()
    {
        Evaluate();
        return Volatile.Read(ref _snapshot);
    }

    /// <summary>Counts a commit's withdrawals (on the writer thread, after the commit) and raises or clears their purposes' alerts.</summary>
    public void Count(List<StagedWithdrawal> withdrawals)
    {
        List<CpmAlert> raised = [];
        lock (_gate)
        {
            long nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (StagedWithdrawal w in withdrawals)
            {
                _withdrawals.Add(w.Symbol, w.Purpose, w.OccurredAtMs, nowMs);
            }

            foreach (WithdrawalWindow.PurposeCounts counts in _withdrawals.Dirty)
            {
                SetWithdrawal(counts, nowMs, raised);
            }

            _withdrawals.ClearDirty();
        }

        Dispatch(raised);
    }

    /// <summary>Looks at every alert now: raises those whose cause appeared, clears those whose cause is gone.</summary>
    public void Evaluate()
    {
        SyncFacts? facts = Volatile.Read(ref _facts)?.Invoke();   // read before the lock: the tracker has its own
        List<CpmAlert>? raised = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            DateTimeOffset now = _clock.GetUtcNow();
            for (int i = _active.Count - 1; i >= 0; i--)
            {
                if (_purposes[i] is { } purpose && _withdrawals.Find(purpose) is { } counts)
                {
                    SetWithdrawal(counts, now.ToUnixTimeMilliseconds(), raised ??= []);
                }
            }

            if (facts is { } f)
            {
                foreach (AlertKind kind in SyncAlertRules.Kinds)
                {
                    bool holds = SyncAlertRules.Holds(kind, f, now, _openedAt, _options);
                    Set(kind, purpose: null, holds, holds ? () => SyncAlertRules.Detail(kind, f, now, _openedAt, _options) : null, now, raised ??= []);
                }
            }
        }

        Dispatch(raised);
    }

    /// <summary>Stops the timer and clears every alert (so the gauge of active alerts forgets this client).</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _disposed = true;
            for (int i = _active.Count - 1; i >= 0; i--)
            {
                CpmMetrics.AlertCleared(_active[i].Kind);
            }

            _active.Clear();
            _purposes.Clear();
            _snapshot = [];
        }
    }

    private void SetWithdrawal(WithdrawalWindow.PurposeCounts counts, long nowMs, List<CpmAlert> raised)
    {
        long count = _withdrawals.CountAt(counts, nowMs);
        bool holds = count > _options.MassWithdrawalThreshold;
        Set(AlertKind.MassWithdrawal, counts.Purpose, holds, holds ? () => string.Create(
            CultureInfo.InvariantCulture,
            $"purpose '{counts.Purpose}': {count} withdrawals within {SyncAlertRules.Minutes(_options.MassWithdrawalWindow)} (threshold {_options.MassWithdrawalThreshold})") : null,
            DateTimeOffset.FromUnixTimeMilliseconds(nowMs), raised);
    }

    private void Set(AlertKind kind, string? purpose, bool holds, Func<string>? detail, DateTimeOffset now, List<CpmAlert> raised)
    {
        int at = IndexOf(kind, purpose);
        if (holds == at >= 0 || _disposed)
        {
            return; // no transition
        }

        if (holds)
        {
            var alert = new CpmAlert(kind, now, detail!());
            _active.Add(alert);
            _purposes.Add(purpose);
            raised.Add(alert);
            CpmMetrics.AlertRaised(kind);
            Log.AlertRaised(_logger, kind.ToString(), alert.Detail);
        }
        else
        {
            _active.RemoveAt(at);
            _purposes.RemoveAt(at);
            CpmMetrics.AlertCleared(kind);
            Log.AlertCleared(_logger, kind.ToString(), purpose is null ? "sync" : $"purpose '{purpose}'");
        }

        Volatile.Write(ref _snapshot, [.. _active]);
    }

    private int IndexOf(AlertKind kind, string? purpose)
    {
        for (int i = 0; i < _active.Count; i++)
        {
            if (_active[i].Kind == kind && _purposes[i] == purpose)
            {
                return i;
            }
        }

        return -1;
    }

    private void Tick()
    {
        try
        {
            Evaluate();
        }
        catch (Exception ex)
        {
            Log.AlertCheckFailed(_logger, ex);
        }
    }

    private void Dispatch(List<CpmAlert>? raised)
    {
        if (raised is not { Count: > 0 } || Raised is not { } handler)
        {
            return;
        }

        foreach (CpmAlert alert in raised)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                state =>
                {
                    try
                    {
                        handler(state);
                    }
                    catch (Exception ex)
                    {
                        Log.AlertHandlerFailed(_logger, ex);
                    }
                },
                alert,
                preferLocal: false);
        }
    }
}
