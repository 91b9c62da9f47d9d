namespace Cpm.Sdk.Storage;

/// <summary>
/// A record as the store writes and reads it: the record, its evidence already serialized, and the event's salt (the
/// salt of the commitments in its audit-log leaf, made at capture and carried on the wire).
/// </summary>
internal sealed record StoredEvent(ConsentRecord Record, string? EvidenceJson, byte[] Salt);
