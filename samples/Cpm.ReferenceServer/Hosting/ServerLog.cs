using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer.Hosting;

/// <summary>The server's log messages. They carry counts and reasons only: never user ids, evidence or API keys.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Push: {Accepted} accepted, {Duplicates} duplicate, {Rejected} rejected")]
    public static partial void Pushed(ILogger logger, int accepted, int duplicates, int rejected);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Refused {Method} {Route}: missing or unknown API key ({Suppressed} more refused since the last warning; at most one warning a minute)")]
    public static partial void Unauthorized(ILogger logger, string method, string route, int suppressed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Pull after {After}: {Count} events, waited {WaitedMs} ms")]
    public static partial void Pulled(ILogger logger, long after, int count, long waitedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Reference server listening on {Address}")]
    public static partial void Listening(ILogger logger, Uri address);
}
