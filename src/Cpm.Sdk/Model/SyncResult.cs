namespace Cpm.Sdk;

/// <summary>What one sync round moved.</summary>
/// <param name="Pushed">Events the endpoint acknowledged.</param>
/// <param name="Pulled">Remote events merged into the local store.</param>
/// <param name="DeadLettered">Events the endpoint rejected.</param>
/// <param name="Status">The status after the round.</param>
public sealed record SyncResult(int Pushed, int Pulled, int DeadLettered, SyncStatus Status);
