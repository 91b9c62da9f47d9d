using Cpm.Sdk;
using Cpm.Sdk.AspNetCore.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Cpm.Sdk's health check.</summary>
public static class CpmHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check of the registered client (<c>services.AddCpm(...)</c>): <c>Unhealthy</c> (or
    /// <paramref name="failureStatus"/>) when sync is stopped until someone acts (the endpoint refused the API key, speaks
    /// another protocol version, or rewrote its history) or the store's integrity check failed; <c>Degraded</c> while an
    /// alert is active (outbox backlog, stale pull, dead letters, mass withdrawal); otherwise <c>Healthy</c>, sync
    /// disabled included. Its data (<c>state</c>, <c>storeCheck</c>, <c>outboxDepth</c>, <c>deadLetters</c>,
    /// <c>parked</c>, <c>alerts</c>, <c>lastPushAt</c>, <c>lastPullAt</c>) holds no personal data.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default <c>cpm</c>.</param>
    /// <param name="failureStatus">What a stopped sync or a damaged store reports; <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, such as <c>ready</c>.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddCpm(
        this IHealthChecksBuilder builder, string name = "cpm", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(
            name, provider => new CpmHealthCheck(provider), failureStatus, tags));
    }
}
