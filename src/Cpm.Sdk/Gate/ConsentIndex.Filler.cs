using System.Runtime.InteropServices;

namespace Cpm.Sdk.Gate;

internal sealed partial class ConsentIndex
{
    /// <summary>
    /// Fills the index at open with the users one loading thread reads, their entries copied side by side into large
    /// chunks rather than an array each (which would cost an object per user and the garbage collector's time to move
    /// a million of them). Several fillers may add different users to one index at once; no reader may use the index
    /// until every filler is done and <see cref="Complete"/> has run.
    /// </summary>
    public sealed class Filler
    {
        private readonly ConsentIndex _index;
        private readonly int _maxChunkLength;
        private readonly List<(string UserId, object Entries, int Place)> _loaded;
        private readonly List<(string UserId, object Entries, int Place)> _overflow = [];
        private ChunkEntry[]? _chunk;
        private int _chunkLength;
        private int _used;

        /// <summary>A filler of <paramref name="index"/>.</summary>
        /// <param name="index">The index to fill.</param>
        /// <param name="maxChunkLength">
        /// The most entries a chunk holds. Chunks double from 64 entries up to it (at most 3 MiB), so a small store
        /// costs little and a large one has few chunks; a user with more entries than it gets an array of their own.
        /// </param>
        /// <param name="expectedUsers">How many users this filler is likely to add, so that it holds them without growing.</param>
        public Filler(ConsentIndex index, int maxChunkLength = Chunk.MaxLength, int expectedUsers = 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkLength, 1);
            _index = index;
            _loaded = new(expectedUsers);
            _maxChunkLength = Math.Min(maxChunkLength, Chunk.MaxLength);
            // Stryker disable once Linq : equivalent. Only the first chunk's size changes (memory); it stays within Chunk.MaxLength, so offsets still fit.
            _chunkLength = Math.Min(64, _maxChunkLength);
        }

        /// <summary>Adds a user the index does not hold yet, with their entries (copied).</summary>
        public void Add(string userId, ReadOnlySpan<IndexEntry> entries)
        {
            object held;
            int place = 0;
            if (entries.Length > _maxChunkLength)
            {
                held = entries.ToArray();
            }
            else
            {
                // Stryker disable once Equality : equivalent. Starting a new chunk when the entries would exactly fill this one, or doubling before the first chunk rather than after it, changes only how many chunks there are; every user's entries still land whole in one.
                if (_chunk is null || _used + entries.Length > _chunk.Length)
                {
                    if (_chunk is not null)
                    {
                        // Stryker disable once Arithmetic : equivalent. Chunks that shrink instead of doubling are more of them (memory and time), never too small: a chunk is at least as long as the entries it is made for.
                        _chunkLength = Math.Min(_chunkLength * 2, _maxChunkLength);
                    }

                    // Not zeroed: nothing reads a chunk beyond what was written to it.
                    _chunk = GC.AllocateUninitializedArray<ChunkEntry>(Math.Max(_chunkLength, entries.Length));
                    _used = 0;
                }

                Chunk.Write(_chunk, _used, entries);
                held = _chunk;
                place = Chunk.PlaceOf(_used, entries.Length);
                _used += entries.Length;
            }

            _loaded.Add((userId, held, place));
        }

        /// <summary>
        /// Puts the users this filler read into the table, once every filler has read everything: claiming slots while
        /// ids are still being created would dirty the whole table for the garbage collector, which then scans all of it
        /// at every young collection. Fillers may publish at once, each on its own thread.
        /// </summary>
        public void Publish()
        {
            foreach ((string userId, object entries, int place) in CollectionsMarshal.AsSpan(_loaded))
            {
                if (!_index.TryClaim(userId, entries, place))
                {
                    _overflow.Add((userId, entries, place));
                }
            }

            _loaded.Clear();
            // Stryker disable once Statement : equivalent. Only frees the emptied list's storage (memory) before the filler itself is dropped.
            _loaded.TrimExcess();
        }

        /// <summary>How many users found the table full.</summary>
        internal int OverflowCount => _overflow.Count;

        /// <summary>Places the users that found the table full (it was sized from an estimate); on one thread, after every filler is done.</summary>
        internal void PlaceOverflow()
        {
            foreach ((string userId, object entries, int place) in _overflow)
            {
                _index.Place(userId, userId.GetHashCode(), entries, place);
            }

            // Stryker disable once Statement : equivalent. Complete runs once per load and the filler is dropped after it; the cleared list is never read again.
            _overflow.Clear();
        }
    }

    /// <summary>
    /// Ends a load: publishes what the fillers read (those not published yet, on this thread), then places what did not
    /// fit. Call once every filler is done, before any reader.
    /// </summary>
    public void Complete(params ReadOnlySpan<Filler> fillers)
    {
        // Room for all of them at once (and a little more), rather than doubling a table sized for the whole load.
        int pending = 0;
        foreach (Filler filler in fillers)
        {
            filler.Publish();
            pending += filler.OverflowCount;
        }

        // A user overflows only when the table is full, so the table has no room for any of them.
        if (pending > 0)
        {
            // Stryker disable once Checked : equivalent. The sum overflows only past int.MaxValue users, more than any table holds.
            int users = checked(_users + pending);
            // Stryker disable once Checked : equivalent. The sum overflows only past two billion users, more than any table holds.
            Grow(checked(users + (users / 16)));
        }

        foreach (Filler filler in fillers)
        {
            filler.PlaceOverflow();
        }
    }

    /// <summary>Claims a free slot for a loaded user, safe against other fillers; <see langword="false"/> when the table is full.</summary>
    private bool TryClaim(string userId, object entries, int place)
    {
        Slot[] slots = _slots;
        if (Interlocked.Increment(ref _occupied) > MaxOccupied(slots.Length))
        {
            // Stryker disable once Statement : equivalent. A claim fails only once the table is full, after which every claim fails with or without the count restored, and Complete then rebuilds the table and recounts.
            Interlocked.Decrement(ref _occupied);
            return false;
        }

        int hash = userId.GetHashCode();
        int i = Start(hash, slots.Length);
        while (Interlocked.CompareExchange(ref slots[i].Key, userId, null) is not null)
        {
            i = Next(i, slots.Length);
        }

        slots[i].Hash = hash;
        slots[i].Place = place;
        slots[i].Entries = entries;
        Interlocked.Increment(ref _users);
        return true;
    }
}
