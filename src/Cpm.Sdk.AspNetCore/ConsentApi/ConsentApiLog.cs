using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>The consent API's log lines: counts and field names only, never a user id, an alias or evidence.</summary>
internal static partial class ConsentApiLog
{
    public const string Category = "Cpm.Sdk.AspNetCore.ConsentApi";

    /// <summary>A refused field as logged: cut at <c>evidence</c>, whose keys are the caller's text, and at 100 characters.</summary>
    public static void Refused(ILogger logger, string field)
    {
        int evidence = field.IndexOf(".evidence", StringComparison.Ordinal);
        // Stryker disable once Equality : equivalent. A logged field starts at the body's top level (body, captures, userId, alias), never with ".evidence".
        string logged = evidence >= 0 ? field[..(evidence + ".evidence".Length)] : field;
        // Stryker disable once Equality : equivalent. A field of exactly 100 characters cut at 100 is the same field.
        RefusedField(logger, logged.Length > 100 ? logged[..100] : logged);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Cpm consent API recorded {Count} captures")]
    public static partial void Recorded(ILogger logger, int count);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Cpm consent API refused a request: {Field} is invalid; nothing was stored")]
    private static partial void RefusedField(ILogger logger, string field);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Cpm consent API linked an alias")]
    public static partial void Linked(ILogger logger);
}
