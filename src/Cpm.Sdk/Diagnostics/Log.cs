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

    [LoggerMessage(5, LogLevel.Warning, "Cpm client: pending writes did not drain within {TimeoutMs} ms; the commit in flight finished, the writes still queued failed unwritten")]
    public static partial void DrainTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(6, LogLevel.Information, "Cpm client closed")]
    public static partial void Closed(ILogger logger);

    [LoggerMessage(7, LogLevel.Error, "Cpm store writer: a listener of committed writes failed")]
    public static partial void ListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "Cpm client: closing step '{Step}' failed; closing goes on")]
    public static partial void CloseStepFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(9, LogLevel.Error, "Cpm store failed its background integrity check: {Problem}. The gate keeps answering from the state checked at open; restore the file from a backup")]
    public static partial void StoreCheckFailed(ILogger logger, string problem);

    [LoggerMessage(40, LogLevel.Warning, "Cpm store lock at {LockPath} is not enforced here (file locking is disabled for .NET); another client could open the same store")]
    public static partial void StoreLockNotEnforced(ILogger logger, string lockPath);

    [LoggerMessage(10, LogLevel.Debug, "Cpm sync retrying (try {Attempt}) in {DelayMs} ms after {Outcome}")]
    public static partial void Retrying(ILogger logger, int attempt, double delayMs, string outcome);

    [LoggerMessage(11, LogLevel.Warning, "Cpm sync: endpoint unreachable ({Error}); retrying with backoff")]
    public static partial void Offline(ILogger logger, string error);

    [LoggerMessage(12, LogLevel.Information, "Cpm sync: endpoint reachable again")]
    public static partial void Online(ILogger logger);

    [LoggerMessage(13, LogLevel.Error, "Cpm sync stopped: the endpoint refused the API key ({Error}). Fix the key, then call SyncNowAsync or restart.")]
    public static partial void AuthFailed(ILogger logger, string error);

    [LoggerMessage(14, LogLevel.Warning, "Cpm sync: the endpoint rejected an event ({Reason}); it is kept in dead_letters")]
    public static partial void DeadLettered(ILogger logger, string reason);

    [LoggerMessage(15, LogLevel.Warning, "Cpm sync: parked event {EventId}, pulled from the endpoint, that cannot be merged; the cursor moves on and GetDeadLettersAsync shows why")]
    public static partial void ParkedPulledEvent(ILogger logger, string eventId);

    [LoggerMessage(16, LogLevel.Warning, "Cpm catalog: the endpoint defines {Kind} '{Id}' differently; the local definition wins")]
    public static partial void CatalogConflict(ILogger logger, string kind, string id);

    [LoggerMessage(17, LogLevel.Warning, "Cpm sync: shutdown left {OutboxDepth} events undelivered; they stay queued for the next start")]
    public static partial void ShutdownUndelivered(ILogger logger, long outboxDepth);

    [LoggerMessage(18, LogLevel.Warning, "Cpm sync: the endpoint refused the pull cursor ({Error}); restarting from the beginning")]
    public static partial void CursorReset(ILogger logger, string error);

    [LoggerMessage(19, LogLevel.Error, "Cpm sync stopped: the endpoint does not speak this SDK's protocol version ({Error}). Upgrade the endpoint or the SDK, then call SyncNowAsync.")]
    public static partial void Incompatible(ILogger logger, string error);

    [LoggerMessage(20, LogLevel.Warning, "Cpm sync failed ({Kind}: {Error}); retrying in {DelayMs} ms")]
    public static partial void SyncFailed(ILogger logger, string kind, string error, double delayMs);

    [LoggerMessage(21, LogLevel.Information, "Cpm sync: {Requeued} dead letters requeued for delivery and {Merged} parked events merged")]
    public static partial void Requeued(ILogger logger, int requeued, int merged);

    [LoggerMessage(60, LogLevel.Warning, "Cpm alert {Kind} raised: {Detail}")]
    public static partial void AlertRaised(ILogger logger, string kind, string detail);

    [LoggerMessage(61, LogLevel.Information, "Cpm alert {Kind} cleared ({Scope})")]
    public static partial void AlertCleared(ILogger logger, string kind, string scope);

    [LoggerMessage(62, LogLevel.Error, "Cpm alerts: a handler of CpmClient.AlertRaised failed")]
    public static partial void AlertHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(63, LogLevel.Error, "Cpm alerts: the periodic check failed; it runs again at the next interval")]
    public static partial void AlertCheckFailed(ILogger logger, Exception exception);
}
