namespace Cpm.Sdk.Alerts;

/// <summary>What the sync alerts are decided from, read at one moment.</summary>
/// <param name="Endpoint">Whether an endpoint is set (otherwise the outbox only grows and nothing is pulled).</param>
/// <param name="Stop">The stop state that holds, if any.</param>
/// <param name="LastPullAt">When a pull last succeeded, if one did since the open.</param>
/// <param name="OutboxDepth">Records waiting in the outbox.</param>
/// <param name="OldestOutboxAt">When the oldest of them was queued, if any waits.</param>
/// <param name="DeadLetters">Records the endpoint rejected.</param>
/// <param name="Parked">Pulled events that could not be merged.</param>
internal readonly record struct SyncFacts(
    bool Endpoint, SyncState? Stop, DateTimeOffset? LastPullAt, long OutboxDepth, DateTimeOffset? OldestOutboxAt, long DeadLetters, long Parked);
