using System.Collections.Concurrent;
using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Rights;

/// <summary>
/// Which user each alias points to, in memory, for <c>Resolve</c>: lock-free reads that allocate nothing (the alias is
/// normalised into a stack buffer and looked up as a span). One alias points to at most one user; of its
/// <c>link</c> and <c>unlink</c> events the greatest by rule 4 decides (an unlink ranks as a withdrawal on a tie),
/// so instances that hold the same events agree whatever order they arrived in. Only the single writer changes it.
/// </summary>
internal sealed class AliasIndex
{
    private readonly ConcurrentDictionary<string, AliasTarget> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AliasTarget>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public AliasIndex()
    {
        _lookup = _aliases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _aliases.Count;

    /// <summary>The user <paramref name="alias"/> points to, or <see langword="null"/>: unknown, unlinked or malformed.</summary>
    public string? Resolve(ReadOnlySpan<char> alias)
    {
        Span<char> buffer = stackalloc char[AliasNormalizer.MaxLength];
        int length = AliasNormalizer.Normalize(alias, buffer);
        return length > 0 && _lookup.TryGetValue(buffer[..length], out AliasTarget? target) ? target.UserId : null;
    }

    /// <summary>What a normalised alias points to now, for the writer's rule-4 comparison.</summary>
    public AliasTarget? Get(string normalized) => _aliases.TryGetValue(normalized, out AliasTarget? target) ? target : null;

    /// <summary>Publishes a new target for a normalised alias. Only the writer (or the loader before open returns) calls this.</summary>
    public void Set(string normalized, AliasTarget target) => _aliases[normalized] = target;

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="current"/> under rule 4 (always, when there is none).</summary>
    public static bool Beats(AliasTarget candidate, AliasTarget? current) =>
        current is null || EventOrder.Compare(
            candidate.OccurredAtMs, candidate.Rank, candidate.EventId, current.OccurredAtMs, current.Rank, current.EventId) > 0;
}

/// <summary>The event that decides an alias: a link to <see cref="UserId"/>, or an unlink (<see cref="UserId"/> null).</summary>
internal sealed record AliasTarget(string? UserId, long OccurredAtMs, Guid EventId)
{
    /// <summary>A link ranks as a grant, an unlink as a withdrawal: on a tie in time, the unlink wins.</summary>
    public ConsentChoice Rank => UserId is null ? ConsentChoice.Withdrawn : ConsentChoice.Granted;
}
