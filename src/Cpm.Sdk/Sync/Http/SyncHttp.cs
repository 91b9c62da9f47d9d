using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync.Http;

/// <summary>The sync HTTP client: named for <c>IHttpClientFactory</c> under DI, or built standalone without DI.</summary>
internal static class SyncHttp
{
    public const string ClientName = "Cpm.Sdk.Sync";

    /// <summary>An HttpClient with the resilience policies in front of a pooled socket handler; the caller owns it.</summary>
    public static HttpClient CreateStandalone(SyncSettings settings, ILogger logger)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = settings.RequestTimeout,
        };
        var resilience = new PolicyHttpMessageHandler(ResiliencePolicies.Create(settings, logger)) { InnerHandler = sockets };
        return new HttpClient(resilience, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
