namespace Cpm.Sdk;

/// <summary>What an export wrote.</summary>
/// <param name="Count">How many records it wrote.</param>
/// <param name="Checkpoint">The store's checkpoint, read in the same snapshot as the records.</param>
public sealed record ExportSummary(long Count, AuditCheckpoint Checkpoint);
