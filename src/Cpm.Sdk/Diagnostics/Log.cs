using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Diagnostics;

/// <summary>The SDK's log messages. None carries a user id, evidence or an API key.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Cpm store opened at {Path}: schema version {SchemaVersion}, {Users} users loaded into the gate in {ElapsedMs} ms")]
    public static partial void StoreOpened(ILogger logger, string path, int schemaVersion, int users, long elapsedMs);

    [LoggerMessage(2, LogLevel.Information, "Cpm store migrated to schema version {SchemaVersion}")]
    public static partial void Migrated(ILogger logger, int schemaVersion);

    [LoggerMessage(3, LogLevel.Error, "Cpm store failed to commit a batch of {BatchSize} records; the callers were told")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int batchSize);

    [LoggerMessage(4, LogLevel.Warning, "Cpm store refused to open {Path}")]
    public static partial void StoreRefused(ILogger logger, Exception exception, string path);

    [LoggerMessage(5, LogLevel.Warning, "Cpm client closed before its pending writes drained within {TimeoutMs} ms")]
    public static partial void DrainTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(6, LogLevel.Information, "Cpm client closed")]
    public static partial void Closed(ILogger logger);
}
