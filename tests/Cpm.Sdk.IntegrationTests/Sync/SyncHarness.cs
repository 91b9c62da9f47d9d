using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Starts the reference server on 127.0.0.1 and builds clients with short, test-friendly sync timings.</summary>
internal static class SyncHarness
{
    public const string ApiKey = "test-key";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Starts a server with <paramref name="purposes"/> and <paramref name="channels"/>, by default marketing (consent)
    /// and analytics (legitimate interest) on sms, email, wechat and app-push.
    /// </summary>
    public static Task<ReferenceServerHost> StartServerAsync(
        string directory,
        Action<IApplicationBuilder>? beforeEndpoints = null,
        string url = "http://127.0.0.1:0",
        PurposeDefinition[]? purposes = null,
        string[]? channels = null,
        string apiKey = ApiKey) =>
        ReferenceServerHost.StartAsync(
            new ReferenceServerOptions
            {
                DatabasePath = Path.Combine(directory, "server.db"),
                ApiKeys = [apiKey],
                Url = url,
                Purposes = purposes ??
                [
                    new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent },
                    new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest },
                ],
                Channels = channels ?? ["sms", "email", "wechat", "app-push"],
            },
            beforeEndpoints);

    /// <summary>Options for a client of <paramref name="endpoint"/>: long polls of 2 s, quick retries and backoff.</summary>
    public static CpmOptions ClientOptions(TempStore store, Uri endpoint, string apiKey = ApiKey, string databaseName = "cpm.db") =>
        store.Options(configure: o =>
        {
            o.DatabasePath = Path.Combine(store.Directory, databaseName);
            o.Endpoint = endpoint;
            o.ApiKey = apiKey;
            o.PollWait = TimeSpan.FromSeconds(2);
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.MaxBackoff = TimeSpan.FromMilliseconds(500);
            o.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes; fails with <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Not reached within {deadline.TotalSeconds:F0} s: {what}");
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }
    }
}
