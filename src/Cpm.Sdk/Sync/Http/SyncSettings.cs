namespace Cpm.Sdk.Sync.Http;

/// <summary>The sync settings taken from <see cref="CpmOptions"/> at open.</summary>
internal sealed record SyncSettings(
    Uri Endpoint,
    string ApiKey,
    TimeSpan PollWait,
    TimeSpan RequestTimeout,
    TimeSpan MaxBackoff,
    int PushBatchSize,
    TimeSpan ShutdownTimeout,
    TimeProvider Clock)
{
    public static SyncSettings? From(CpmOptions options) => options.Endpoint is null
        ? null
        : new SyncSettings(
            options.Endpoint.AbsoluteUri.EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint.AbsoluteUri + "/"),
            options.ApiKey!,
            options.PollWait,
            options.RequestTimeout,
            options.MaxBackoff,
            options.PushBatchSize,
            options.ShutdownTimeout,
            options.TimeProvider);
}
