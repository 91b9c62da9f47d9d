using System.Runtime.InteropServices;

namespace Cpm.Sdk.Gate;

/// <summary>
/// The in-memory gate index: per user, the effective records, one per (purpose, channel). Reads are lock-free and
/// allocate nothing; the single store writer replaces a user's array copy-on-write after each commit.
/// </summary>
/// <remarks>
/// A million users must load in a second or two and fit in a few hundred megabytes, so there is no object per user
/// but the id: an open-addressing table of slots (id, hash, entries) in one array, and the entries loaded at open in
/// large shared chunks (<see cref="Filler"/>) instead of an array each. A slot's id is published last, so a reader
/// that sees it sees the rest; a writer's change replaces a slot's entries with one reference write; a table that
/// fills up is copied into a larger one and swapped in whole, so a reader works on one table or the other, never a
/// mix. An erased user's slot loses both the id and the entries (the id is not kept in memory).
/// </remarks>
internal sealed partial class ConsentIndex
{
    private const int MinSlots = 16;

    /// <summary>Stands in for the id of a removed user until the table is next rebuilt.</summary>
    private static readonly string Removed = new('-', 1);

    private Slot[] _slots;
    private int _users;
    private int _occupied;

    /// <summary>An empty index with room for <paramref name="capacity"/> users before it first grows.</summary>
    public ConsentIndex(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _slots = new Slot[SlotsFor(capacity)];
    }

    /// <summary>How many users the index holds.</summary>
    public int UserCount => Volatile.Read(ref _users);

    /// <summary>How many slots the table has (24 bytes each): what the index costs beyond the ids and entries.</summary>
    internal int SlotCount => Volatile.Read(ref _slots).Length;

    /// <summary>The user's entries, without copying; <see langword="false"/> when the index does not hold the user.</summary>
    public bool TryGet(string userId, out ReadOnlySpan<IndexEntry> entries)
    {
        Slot[] slots = Volatile.Read(ref _slots);
        int found = Find(slots, userId, userId.GetHashCode());
        if (found >= 0)
        {
            object? held = Volatile.Read(ref slots[found].Entries);
            if (held is ChunkEntry[] chunk)
            {
                entries = Chunk.Entries(chunk, slots[found].Place);
                return true;
            }

            if (held is IndexEntry[] own)
            {
                entries = own;
                return true;
            }
        }

        entries = default;
        return false;
    }

    /// <summary>Whether the index holds the user.</summary>
    public bool Contains(string userId) => TryGet(userId, out _);

    /// <summary>The user's entries as an array the caller must not change (a copy when they sit in a loaded chunk); <see langword="null"/> when absent.</summary>
    public IndexEntry[]? Get(string userId)
    {
        Slot[] slots = Volatile.Read(ref _slots);
        int found = Find(slots, userId, userId.GetHashCode());
        if (found < 0)
        {
            return null;
        }

        return Volatile.Read(ref slots[found].Entries) switch
        {
            IndexEntry[] own => own,
            ChunkEntry[] chunk => Chunk.Entries(chunk, slots[found].Place).ToArray(),
            _ => null,
        };
    }

    /// <summary>The index's own instance of a user id, so that other in-memory structures can share it rather than hold a copy.</summary>
    public string? SharedId(ReadOnlySpan<char> userId)
    {
        Slot[] slots = Volatile.Read(ref _slots);
        int hash = string.GetHashCode(userId);
        int i = Start(hash, slots.Length);
        while (Volatile.Read(ref slots[i].Key) is { } key)
        {
            if (slots[i].Hash == hash && !ReferenceEquals(key, Removed) && userId.SequenceEqual(key))
            {
                return key;
            }

            i = Next(i, slots.Length);
        }

        return null;
    }

    /// <summary>Publishes a user's new array. Only the store writer (or the loader before open returns) calls this.</summary>
    public void Set(string userId, IndexEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int hash = userId.GetHashCode();
        int found = Find(_slots, userId, hash);
        if (found >= 0)
        {
            Volatile.Write(ref _slots[found].Entries, entries);
            return;
        }

        Place(userId, hash, entries, 0);
    }

    /// <summary>Forgets a user (an erasure): their id and entries leave the table. Only the store writer calls this.</summary>
    public void Remove(string userId)
    {
        Slot[] slots = _slots;
        int found = Find(slots, userId, userId.GetHashCode());
        if (found < 0)
        {
            return;
        }

        Volatile.Write(ref slots[found].Key, Removed);
        Volatile.Write(ref slots[found].Entries, null);
        Volatile.Write(ref _users, _users - 1);
    }

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

    /// <summary>The slot holding <paramref name="userId"/>, or -1.</summary>
    private static int Find(Slot[] slots, string userId, int hash)
    {
        int i = Start(hash, slots.Length);
        while (Volatile.Read(ref slots[i].Key) is { } key)
        {
            if (slots[i].Hash == hash && !ReferenceEquals(key, Removed) && string.Equals(key, userId))
            {
                return i;
            }

            i = Next(i, slots.Length);
        }

        return -1;
    }

    /// <summary>Puts a user the table does not hold into a free slot, growing the table first when it is full. Writer only.</summary>
    private void Place(string userId, int hash, object entries, int place)
    {
        if (_occupied + 1 > MaxOccupied(_slots.Length))
        {
            // Stryker disable once Checked : equivalent. The product overflows only past a billion users, more than a table of slots can hold in memory.
            Grow(checked((_users + 1) * 2));
        }

        Slot[] slots = _slots;
        int i = Start(hash, slots.Length);
        while (slots[i].Key is not null)
        {
            i = Next(i, slots.Length);
        }

        // The id last: a reader that sees it sees the rest.
        slots[i].Hash = hash;
        slots[i].Place = place;
        slots[i].Entries = entries;
        Volatile.Write(ref slots[i].Key, userId);
        _occupied++;
        Volatile.Write(ref _users, _users + 1);
    }

    /// <summary>Copies the users into a table with room for <paramref name="users"/>, dropping removed slots, and swaps it in.</summary>
    private void Grow(int users)
    {
        Slot[] current = _slots;
        var larger = new Slot[SlotsFor(users)];
        int occupied = 0;
        foreach (ref readonly Slot slot in current.AsSpan())
        {
            if (slot.Key is { } key && !ReferenceEquals(key, Removed))
            {
                int i = Start(slot.Hash, larger.Length);
                while (larger[i].Key is not null)
                {
                    i = Next(i, larger.Length);
                }

                larger[i] = slot;
                occupied++;
            }
        }

        _occupied = occupied;
        Volatile.Write(ref _slots, larger);
    }

    /// <summary>Slots for <paramref name="users"/> users at no more than three quarters full.</summary>
    private static int SlotsFor(int users) => Math.Max(MinSlots, checked(users + (users / 3) + 1));

    private static int MaxOccupied(int slots) => slots - (slots / 4);

    /// <summary>The first slot to probe: the hash scaled to the table (its high bits, which are well mixed).</summary>
    // Stryker disable once Bitwise : equivalent. The product is unsigned, so >> and >>> are the same; shifting left instead makes every probe start at slot 0, which finds the same users, only slower.
    private static int Start(int hash, int length) => (int)(((ulong)(uint)hash * (ulong)length) >> 32);

    private static int Next(int i, int length) => i + 1 == length ? 0 : i + 1;

    /// <summary>
    /// A user's position: the id (<see langword="null"/>: free; <see cref="Removed"/>: erased), its hash, and the entries:
    /// an <see cref="IndexEntry"/> array of their own, or a chunk (<see cref="ChunkEntry"/> array) holding them where <see cref="Place"/>
    /// says (set once, before the id, at load). 24 bytes.
    /// </summary>
    private struct Slot
    {
        public string? Key;
        public object? Entries;
        public int Hash;
        public int Place;
    }

    /// <summary>
    /// Loaded users' entries, side by side in arrays of <see cref="ChunkEntry"/> (never changed once the load returns):
    /// a different array type from a user's own, so one type check tells the two apart without another object.
    /// </summary>
    private static class Chunk
    {
        /// <summary>The most entries a chunk holds: offsets and counts within it fit in 16 bits each.</summary>
        public const int MaxLength = ushort.MaxValue;

        /// <summary>A user's place in a chunk as a slot keeps it: the offset in the high 16 bits, the count in the low.</summary>
        public static int PlaceOf(int offset, int count) => (offset << 16) | count;

        public static ReadOnlySpan<IndexEntry> Entries(ChunkEntry[] chunk, int place) =>
            MemoryMarshal.Cast<ChunkEntry, IndexEntry>(new ReadOnlySpan<ChunkEntry>(chunk, place >>> 16, place & 0xFFFF));

        public static void Write(ChunkEntry[] chunk, int offset, ReadOnlySpan<IndexEntry> entries) =>
            entries.CopyTo(MemoryMarshal.Cast<ChunkEntry, IndexEntry>(chunk.AsSpan(offset)));
    }

    /// <summary>An entry as a chunk holds it: the same 48 bytes.</summary>
    private readonly struct ChunkEntry(IndexEntry entry)
    {
        public IndexEntry Entry { get; } = entry;
    }
}
