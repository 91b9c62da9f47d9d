namespace Cpm.Sdk;

/// <summary>What a check of the store's audit log found.</summary>
/// <param name="IsIntact">Whether every row matches its leaf, the chain and every checkpoint the store keeps.</param>
/// <param name="Checked">How many rows were checked.</param>
/// <param name="FirstBadIndex">The leaf index (0-based, append order) of the first row found edited, deleted, inserted or out of order; <see langword="null"/> when intact or when only a checkpoint disagrees.</param>
/// <param name="Problem">What was wrong, without personal data; <see langword="null"/> when intact.</param>
public sealed record AuditVerification(bool IsIntact, long Checked, long? FirstBadIndex, string? Problem);
