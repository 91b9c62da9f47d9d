namespace Cpm.Sdk.Audit;

/// <summary>
/// What a scrubbed event keeps of its personal fields: the commitments its audit-log leaf holds (base64 of
/// SHA-256(salt ‖ value)), each <see langword="null"/> when the field was. Enough to rebuild the leaf, nothing more.
/// </summary>
internal sealed record Commitments(string? Subject, string? Evidence, string? Alias);
