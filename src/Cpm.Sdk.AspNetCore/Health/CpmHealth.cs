using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cpm.Sdk.AspNetCore.Health;

/// <summary>
/// How a client's state reads as health. <b>Unhealthy</b> (the failure status): sync is stopped until someone acts
/// (<see cref="SyncState.AuthFailed"/>, <see cref="SyncState.Incompatible"/>, <see cref="SyncState.HistoryRewritten"/>,
/// with their alerts) or the store's integrity check failed. <b>Degraded</b>: an alert that needs a look but leaves the
/// gate answering and captures durable (<see cref="AlertKind.OutboxBacklog"/>, <see cref="AlertKind.PullStale"/>,
/// <see cref="AlertKind.DeadLetters"/>, <see cref="AlertKind.MassWithdrawal"/>). <b>Healthy</b> otherwise: online,
/// offline for a while (the backlog and stale-pull alerts say when it lasts too long), or with sync disabled (an
/// offline-only instance by design). The data holds states, counts, times and alert kinds: no personal data.
/// </summary>
internal static class CpmHealth
{
    public static HealthCheckResult Evaluate(SyncStatus status, HealthStatus failureStatus)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["state"] = status.State.ToString(),
            ["storeCheck"] = status.StoreCheck.ToString(),
            ["outboxDepth"] = status.OutboxDepth,
            ["deadLetters"] = status.DeadLetterCount,
            ["parked"] = status.ParkedCount,
            ["alerts"] = status.Alerts.Select(a => a.Kind.ToString()).ToArray(),
        };
        if (status.LastPushAt is { } push)
        {
            data["lastPushAt"] = push.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status.LastPullAt is { } pull)
        {
            data["lastPullAt"] = pull.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Stopped(status) is { } stopped)
        {
            return new HealthCheckResult(failureStatus, stopped, data: data);
        }

        return status.Alerts.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", status.Alerts.Select(a => $"{a.Kind}: {a.Detail}")), data: data)
            : HealthCheckResult.Healthy($"Sync {status.State}.", data);
    }

    /// <summary>Why the instance needs someone to act, or <see langword="null"/>.</summary>
    private static string? Stopped(SyncStatus status) => status.StoreCheck == StoreCheckState.Failed
        ? "The store's integrity check failed: restore the file from a backup."
        : status.State switch
        {
            SyncState.AuthFailed => "Sync stopped: the endpoint refused the API key (AuthFailed).",
            SyncState.Incompatible => "Sync stopped: the endpoint does not speak this SDK's protocol version (Incompatible).",
            SyncState.HistoryRewritten => "Pulls stopped: the endpoint's signed log is not consistent with the checkpoint kept (HistoryRewritten).",
            _ => null,
        };
}
