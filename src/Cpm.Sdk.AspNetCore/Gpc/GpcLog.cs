using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Gpc;

/// <summary>Global Privacy Control's log lines: counts and purpose ids only, never a user id or evidence.</summary>
internal static partial class GpcLog
{
    public const string Category = "Cpm.Sdk.AspNetCore.Gpc";

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Global Privacy Control: recorded an opt-out of {Count} purposes ({Purposes}) with source gpc")]
    public static partial void OptedOut(ILogger logger, int count, string purposes);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Global Privacy Control: a signed-in user's id is not a valid Cpm user id ({Problem}); signals of such users are not recorded (told once)")]
    public static partial void InvalidUser(ILogger logger, string problem);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Global Privacy Control: recording the opt-out failed; the next request with the signal tries again")]
    public static partial void Failed(ILogger logger, Exception exception);
}
