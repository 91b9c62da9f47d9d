namespace Cpm.Sdk;

/// <summary>The outcome of <see cref="IConsentEvidence.VerifyAuditAsync"/>.</summary>
/// <param name="IsIntact">Whether every row matches the log and the log matches the store's checkpoint.</param>
/// <param name="Checked">How many rows were checked.</param>
/// <param name="FirstBadIndex">The leaf index of the first row that does not match, or <see langword="null"/> when intact.</param>
/// <param name="Problem">What is wrong, without personal data, or <see langword="null"/> when intact.</param>
public sealed record AuditVerification(bool IsIntact, long Checked, long? FirstBadIndex, string? Problem);
