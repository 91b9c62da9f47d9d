using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync.Checkpoints;

/// <summary>The log messages of the endpoint's audit-log checks. They name sizes and key ids only, never a record's data.</summary>
internal static partial class CheckpointLog
{
    [LoggerMessage(40, LogLevel.Information, "Cpm sync: the endpoint serves no signed checkpoints (a protocol version 1 server); its history is not checked")]
    public static partial void NoCheckpoints(ILogger logger);

    [LoggerMessage(41, LogLevel.Warning, "Cpm sync: pinned the endpoint's checkpoint key {KeyId}, the first one it served; set CpmOptions.ServerPublicKey to choose the key instead")]
    public static partial void KeyPinned(ILogger logger, string keyId);

    [LoggerMessage(42, LogLevel.Error, "Cpm sync stopped pulling: the endpoint rewrote or forked its history ({Error}). Pushes go on. Find out what happened to the endpoint's log before trusting it again; SyncNowAsync checks it anew.")]
    public static partial void HistoryRewritten(ILogger logger, string error);

    [LoggerMessage(43, LogLevel.Warning, "Cpm sync: the kept {What} in sync_state cannot be read and is ignored")]
    public static partial void KeptValueUnreadable(ILogger logger, string what);

    [LoggerMessage(44, LogLevel.Warning, "Cpm sync: the endpoint's inclusion proof for event {EventId} does not verify against the kept checkpoint of size {Size}")]
    public static partial void InclusionFailed(ILogger logger, string eventId, long size);

    [LoggerMessage(45, LogLevel.Debug, "Cpm sync: the endpoint's log grew consistently from {From} to {To} entries; checkpoint kept")]
    public static partial void Kept(ILogger logger, long from, long to);
}
