using System.Collections.Concurrent;

namespace Cpm.Sdk.Gate;

/// <summary>
/// The in-memory gate index: per user, an immutable array of effective records, one per (purpose, channel).
/// Reads are lock-free; the single store writer replaces a user's array copy-on-write after each commit.
/// </summary>
internal sealed class ConsentIndex
{
    private readonly ConcurrentDictionary<string, IndexEntry[]> _users;
    private readonly ConcurrentDictionary<string, IndexEntry[]>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public ConsentIndex(int capacity = 0)
    {
        _users = new ConcurrentDictionary<string, IndexEntry[]>(Environment.ProcessorCount, capacity, StringComparer.Ordinal);
        _byChars = _users.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int UserCount => _users.Count;

    public IndexEntry[]? Get(string userId) => _users.TryGetValue(userId, out IndexEntry[]? entries) ? entries : null;

    /// <summary>The index's own instance of a user id, so that other in-memory structures can share it rather than hold a copy.</summary>
    public string? SharedId(ReadOnlySpan<char> userId) =>
        _byChars.TryGetValue(userId, out string? shared, out _) ? shared : null;

    /// <summary>Publishes a user's new array. Only the store writer (or the loader before open returns) calls this.</summary>
    public void Set(string userId, IndexEntry[] entries) => _users[userId] = entries;

    /// <summary>Forgets a user (an erasure). Only the store writer calls this.</summary>
    public void Remove(string userId) => _users.TryRemove(userId, out _);

    /// <summary>
    /// Returns the array with <paramref name="candidate"/> applied under rule 4: a new array when it beats the
    /// record at its key (or the key is new), otherwise <see langword="null"/>.
    /// </summary>
    public static IndexEntry[]? Apply(IndexEntry[]? current, in IndexEntry candidate)
    {
        if (current is null)
        {
            return [candidate];
        }

        for (int i = 0; i < current.Length; i++)
        {
            if (current[i].SameKey(candidate))
            {
                if (EventOrder.Compare(candidate, current[i]) <= 0)
                {
                    return null;
                }

                IndexEntry[] replaced = (IndexEntry[])current.Clone();
                replaced[i] = candidate;
                return replaced;
            }
        }

        IndexEntry[] grown = new IndexEntry[current.Length + 1];
        current.CopyTo(grown, 0);
        grown[^1] = candidate;
        return grown;
    }
}
