using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Rights;

/// <summary>
/// Which user each alias points to, in memory, for <c>Resolve</c>: lock-free reads that allocate nothing (the alias is
/// normalised into a stack buffer and looked up as a span). One alias points to at most one user; of its
/// <c>link</c> and <c>unlink</c> events the greatest by rule 4 decides (an unlink ranks as a withdrawal on a tie),
/// so instances that hold the same events agree whatever order they arrived in. Only the single writer changes it.
/// </summary>
/// <remarks>
/// The aliases held at open sit in a compact, immutable <see cref="AliasTable"/>; what the writer changes afterwards goes
/// to a small concurrent dictionary consulted first (a removal there hides the alias the table holds).
/// </remarks>
internal sealed class AliasIndex
{
    /// <summary>Up to this many declared kinds are compared one by one, which is faster than hashing the kind.</summary>
    private const int FewKinds = 8;

    /// <summary>In <see cref="_changed"/>: the alias the table holds was removed (its person erased).</summary>
    private static readonly AliasTarget Removed = new(null, long.MinValue, Guid.Empty);

    private readonly AliasTable _loaded;
    private readonly ConcurrentDictionary<string, AliasTarget> _changed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AliasTarget>.AlternateLookup<ReadOnlySpan<char>> _changedLookup;
    private readonly string[]? _fewKinds;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? _manyKinds;
    private volatile bool _anyChanged;
    private int _count;

    /// <summary>An empty index.</summary>
    /// <param name="kinds">The declared alias kinds (<see cref="CpmOptions.AliasKinds"/>); an alias of another kind resolves to no one. <see langword="null"/>: every kind.</param>
    public AliasIndex(IEnumerable<string>? kinds = null)
        : this(kinds, AliasTable.Empty)
    {
    }

    /// <summary>An index over the aliases a store held at open.</summary>
    /// <param name="kinds">As for <see cref="AliasIndex(IEnumerable{string})"/>.</param>
    /// <param name="loaded">The aliases read at open.</param>
    public AliasIndex(IEnumerable<string>? kinds, AliasTable loaded)
    {
        _loaded = loaded;
        _count = loaded.Count;
        _changedLookup = _changed.GetAlternateLookup<ReadOnlySpan<char>>();
        string[]? declared = kinds?.Distinct(StringComparer.Ordinal).ToArray();
        if (declared is { Length: > FewKinds })
        {
            _manyKinds = declared.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }
        else
        {
            _fewKinds = declared;
        }
    }

    /// <summary>Whether the kind of a normalised alias is declared.</summary>
    public bool IsDeclared(ReadOnlySpan<char> normalized)
    {
        ReadOnlySpan<char> kind = AliasNormalizer.KindOf(normalized);
        if (_fewKinds is { } few)
        {
            foreach (string declared in few)
            {
                if (kind.SequenceEqual(declared))
                {
                    return true;
                }
            }

            return false;
        }

        return _manyKinds is not { } many || many.Contains(kind);
    }

    /// <summary>How many aliases are held, linked or unlinked.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The user <paramref name="alias"/> points to, or <see langword="null"/>: unknown, unlinked or malformed.</summary>
    [SkipLocalsInit]
    public string? Resolve(ReadOnlySpan<char> alias)
    {
        Span<char> buffer = stackalloc char[AliasNormalizer.MaxLength];
        int length = AliasNormalizer.Normalize(alias, buffer);
        if (length <= 0 || !IsDeclared(buffer[..length]))
        {
            return null;
        }

        if (_anyChanged && _changedLookup.TryGetValue(buffer[..length], out AliasTarget? changed))
        {
            return changed.UserId;
        }

        _loaded.TryResolve(buffer[..length], out string? userId);
        return userId;
    }

    /// <summary>What a normalised alias points to now, for the writer's rule-4 comparison.</summary>
    public AliasTarget? Get(string normalized) =>
        _changed.TryGetValue(normalized, out AliasTarget? target) ? (ReferenceEquals(target, Removed) ? null : target) : _loaded.Get(normalized);

    /// <summary>Publishes a new target for a normalised alias. Only the writer calls this.</summary>
    public void Set(string normalized, AliasTarget target)
    {
        bool held = Get(normalized) is not null;
        _changed[normalized] = target;
        _anyChanged = true;
        if (!held)
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Removes a normalised alias. Only the writer calls this.</summary>
    public void Remove(string normalized)
    {
        bool held = Get(normalized) is not null;
        if (_loaded.Get(normalized) is null)
        {
            _changed.TryRemove(normalized, out _);
        }
        else
        {
            _changed[normalized] = Removed;
            _anyChanged = true;
        }

        if (held)
        {
            Interlocked.Decrement(ref _count);
        }
    }

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
