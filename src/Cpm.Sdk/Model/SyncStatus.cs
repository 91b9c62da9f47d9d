namespace Cpm.Sdk;

/// <summary>A snapshot of synchronisation health.</summary>
public sealed record SyncStatus
{
    /// <summary>The connection state.</summary>
    public required SyncState State { get; init; }

    /// <summary>When events were last pushed successfully.</summary>
    public DateTimeOffset? LastPushAt { get; init; }

    /// <summary>When changes were last pulled successfully.</summary>
    public DateTimeOffset? LastPullAt { get; init; }

    /// <summary>Records captured here and not yet acknowledged by the endpoint.</summary>
    public required long OutboxDepth { get; init; }

    /// <summary>Records the endpoint rejected; they are kept, never dropped.</summary>
    public required long DeadLetterCount { get; init; }

    /// <summary>
    /// Events pulled from the endpoint that could not be merged (they fail validation); each is kept with its wire
    /// JSON and listed by <see cref="IConsentSync.GetDeadLettersAsync"/> as <see cref="DeadLetterKind.Unmergeable"/>.
    /// </summary>
    public long ParkedCount { get; init; }

    /// <summary>The last sync error, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>The integrity check of the whole store file, which runs in the background after open.</summary>
    public StoreCheckState StoreCheck { get; init; }

    /// <summary>The alerts active now, oldest first; empty when all is well. <see cref="CpmClient.AlertRaised"/> announces each as it becomes active.</summary>
    public IReadOnlyList<CpmAlert> Alerts { get; init; } = [];

    /// <summary>What the store's background integrity check found when it failed; otherwise <see langword="null"/>.</summary>
    public string? StoreProblem { get; init; }
}
