using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// Under DI, holds the one resilience policy of the named sync client, so the circuit breaker's state is shared by
/// every request instead of being rebuilt per request.
/// </summary>
internal sealed class SyncPolicyProvider(IOptions<CpmOptions> options, ILoggerFactory? loggerFactory = null)
{
    private readonly Lazy<IAsyncPolicy<HttpResponseMessage>> _policy = new(() => ResiliencePolicies.Create(
        SyncSettings.From(options.Value) ?? throw new InvalidOperationException("Cpm sync is disabled: no Endpoint is set."),
        (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(Diagnostics.CpmMetrics.Name)));

    public IAsyncPolicy<HttpResponseMessage> Policy => _policy.Value;
}
