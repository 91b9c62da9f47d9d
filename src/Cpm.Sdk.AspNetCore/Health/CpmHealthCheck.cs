using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cpm.Sdk.AspNetCore.Health;

/// <summary>The health check <c>AddHealthChecks().AddCpm()</c> registers: the client's sync status, read from memory.</summary>
internal sealed class CpmHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        SyncStatus status;
        try
        {
            status = services.GetRequiredService<IConsentSync>().Status;
        }
        catch (Exception ex) when (ex is CpmStoreException or ObjectDisposedException or InvalidOperationException or ArgumentException)
        {
            // The client could not be opened (a refused store, bad options) or is closing.
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "Cpm.Sdk's client is not available.", ex));
        }

        return Task.FromResult(CpmHealth.Evaluate(status, context.Registration.FailureStatus));
    }
}
