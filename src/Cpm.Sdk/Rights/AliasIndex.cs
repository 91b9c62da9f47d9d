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

    private readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? _kinds;

    /// <summary>An empty index.</summary>
    /// <param name="kinds">The declared alias kinds (<see cref="CpmOptions.AliasKinds"/>); an alias of another kind resolves to no one. <see langword="null"/>: every kind.</param>
    public AliasIndex(IEnumerable<string>? kinds = null)
    {
        _lookup = _aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        _kinds = kinds is null
            ? null
            : System.Collections.Frozen.FrozenSet.ToFrozenSet(kinds, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether the kind of a normalised alias is declared.</summary>
    public bool IsDeclared(ReadOnlySpan<char> normalized) => _kinds is not { } kinds || kinds.Contains(AliasNormalizer.KindOf(normalized));

    /// <summary>Removes a normalised alias. Only the writer calls this.</summary>
    public void Remove(string normalized) => _aliases.TryRemove(normalized, out _);

    public int Count => _aliases.Count;

    /// <summary>The user <paramref name="alias"/> points to, or <see langword="null"/>: unknown, unlinked or malformed.</summary>
    public string? Resolve(ReadOnlySpan<char> alias)
    {
        Span<char> buffer = stackalloc char[AliasNormalizer.MaxLength];
        int length = AliasNormalizer.Normalize(alias, buffer);
        return length > 0 && IsDeclared(buffer[..length]) && _lookup.TryGetValue(buffer[..length], out AliasTarget? target) ? target.UserId : null;
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
