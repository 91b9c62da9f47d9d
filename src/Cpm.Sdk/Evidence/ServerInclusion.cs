namespace Cpm.Sdk.Evidence;

/// <summary>
/// A synced event's place in the server's log: the server's signed checkpoint (<c>origin\nsize\nbase64(root)\n</c>),
/// its signature and key id as <c>GET v1/checkpoint</c> serves them, and the event's leaf index and inclusion proof
/// against that checkpoint as <c>GET v1/proofs/inclusion</c> serves them.
/// </summary>
internal sealed record ServerInclusion(string Checkpoint, string Signature, string KeyId, long Index, IReadOnlyList<byte[]> Proof);
