namespace Cpm.Sdk.Storage;

/// <summary>A record as the store writes and reads it: the record with its evidence already serialized.</summary>
internal sealed record StoredEvent(ConsentRecord Record, string? EvidenceJson);
