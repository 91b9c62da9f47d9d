namespace Cpm.Sdk.Audit;

/// <summary>
/// What a scrubbed event keeps of its personal fields: the commitments its audit-log leaf holds (base64 of
/// SHA-256(salt ‖ value)), each <see langword="null"/> when the field was. Enough to rebuild the leaf, nothing more.
/// </summary>
internal sealed record Commitments(string? Subject, string? Evidence, string? Alias)
{
    /// <summary>The commitments of an event's personal fields under its salt; the one place they are computed.</summary>
    public static Commitments Of(ReadOnlySpan<byte> salt, string? userId, IReadOnlyDictionary<string, string>? evidence, string? alias) => new(
        string.IsNullOrEmpty(userId) ? null : AuditLeaf.Commitment(salt, userId),
        evidence is null ? null : AuditLeaf.Commitment(salt, CanonicalJson.MapText(evidence)),
        alias is null ? null : AuditLeaf.Commitment(salt, alias));
}
