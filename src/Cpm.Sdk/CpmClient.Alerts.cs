namespace Cpm.Sdk;

/// <summary>The client's alerts: mass withdrawals, and a sync that fell behind or stopped.</summary>
public sealed partial class CpmClient
{
    /// <summary>
    /// Raised once each time an alert becomes active (<see cref="SyncStatus.Alerts"/> lists it while it is), not again
    /// while it stays active; once its cause is gone it clears, and may be raised anew later. Raised on a thread-pool
    /// thread, in no guaranteed order; a handler that throws is logged and ignored. The alert's
    /// <see cref="CpmAlert.Detail"/> holds no personal data. Thresholds: <see cref="CpmOptions.Alerts"/>.
    /// </summary>
    public event EventHandler<CpmAlert>? AlertRaised;

    private void OnAlertRaised(CpmAlert alert) => AlertRaised?.Invoke(this, alert);
}
