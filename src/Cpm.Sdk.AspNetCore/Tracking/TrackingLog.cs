using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Tracking;

/// <summary>Tracking consent's log lines: the choice, purpose and channel ids only, never who.</summary>
internal static partial class TrackingLog
{
    public const string Category = "Cpm.Sdk.AspNetCore.Tracking";

    [LoggerMessage(EventId = 5300, Level = LogLevel.Debug, Message = "Tracking consent: recorded a choice ({Choice})")]
    public static partial void Recorded(ILogger logger, ConsentChoice choice);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Tracking consent: purpose '{Purpose}' on channel '{Channel}' is not in the catalog, so the gate denies it and every cookie that is not essential is dropped")]
    public static partial void NotInCatalog(ILogger logger, string purpose, string channel);
}
