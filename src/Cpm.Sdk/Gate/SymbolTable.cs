using System.Collections.Concurrent;

namespace Cpm.Sdk.Gate;

/// <summary>
/// Interns purpose and channel ids to small integers so index entries stay small and compare fast.
/// Lookups are lock-free; ids are never reused.
/// </summary>
internal sealed class SymbolTable
{
    /// <summary>The symbol of the channel wildcard <c>*</c>.</summary>
    public const int AllChannels = 0;

    /// <summary>The channel wildcard as written in captures and on the wire.</summary>
    public const string AllChannelsText = "*";

    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SymbolTable()
    {
        _ids[AllChannelsText] = AllChannels;
    }

    /// <summary>No symbol: a name never interned. No record carries it (the index's own keys are small negative numbers).</summary>
    public const int None = int.MinValue;

    /// <summary>The symbol of <paramref name="name"/> if it was interned, else <see cref="None"/>; never adds one.</summary>
    public int Find(string name) => _ids.TryGetValue(name, out int id) ? id : None;

    public int Intern(string name)
    {
        // Stryker disable once Block : equivalent. The lock-free fast path returns what the locked path below would.
        if (_ids.TryGetValue(name, out int id))
        {
            return id;
        }

        lock (_gate)
        {
            if (!_ids.TryGetValue(name, out id))
            {
                id = _ids.Count;
                _ids[name] = id;
            }

            return id;
        }
    }
}
