using System.Globalization;

namespace Cpm.Sdk.Sync.Http;

/// <summary>The sync settings taken from <see cref="CpmOptions"/> at open. Printing them never shows the API key.</summary>
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

    /// <summary>The settings without the API key (a record's generated text would print it).</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"SyncSettings {{ Endpoint = {Endpoint}, ApiKey = (hidden), PollWait = {PollWait}, RequestTimeout = {RequestTimeout}, MaxBackoff = {MaxBackoff}, PushBatchSize = {PushBatchSize}, ShutdownTimeout = {ShutdownTimeout} }}");
}
