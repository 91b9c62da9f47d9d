using System.Buffers.Binary;

namespace Cpm.Sdk.Rights;

/// <summary>How the loader fills an <see cref="AliasTable"/>.</summary>
internal sealed partial class AliasTable
{
    /// <summary>
    /// Fills a table of a known size, from one thread or several: each loading thread adds through its own
    /// <see cref="Writer"/> (its own chunks; slots are claimed with a compare-and-swap). Nothing reads the table before
    /// <see cref="Build"/>, which runs once every writer is finished.
    /// </summary>
    /// <param name="capacity">How many aliases will be added.</param>
    public sealed class Builder(int capacity)
    {
        private const int MaxChunks = 255;
        private const int FirstChunk = 1 << 16;

        private readonly Slot[] _slots = new Slot[capacity == 0 ? 0 : (int)Math.Min(Array.MaxLength, (capacity / 0.7) + 1)];
        private readonly List<byte[]> _chunks = [];
        private int _count;

        /// <summary>A writer for one loading thread.</summary>
        public Writer NewWriter() => new(this);

        /// <summary>The table, once every writer is finished.</summary>
        /// <exception cref="CpmStoreException">More aliases were added than the table was sized for.</exception>
        public AliasTable Build() => _count <= capacity
            ? new AliasTable(_slots, [.. _chunks], _count)
            : throw new CpmStoreException("The aliases table changed while it was being read.");

        private int AddChunk(byte[] chunk)
        {
            lock (_chunks)
            {
                if (_chunks.Count == MaxChunks)
                {
                    throw new CpmStoreException("The store holds more aliases than the in-memory alias index can address.");
                }

                _chunks.Add(chunk);
                return _chunks.Count - 1;
            }
        }

        /// <summary>Adds aliases for one thread.</summary>
        public sealed class Writer
        {
            private readonly Builder _owner;
            private byte[] _chunk = [];
            private int _chunkIndex = -1;
            private int _used;
            private int _count;

            internal Writer(Builder owner) => _owner = owner;

            /// <summary>Adds an alias (UTF-8, normalised, not added before) and the event that decides it.</summary>
            /// <exception cref="CpmStoreException">More aliases than the table was sized for, or a corrupt row.</exception>
            public void Add(ReadOnlySpan<byte> alias, string? userId, long occurredAtMs, ReadOnlySpan<byte> eventId)
            {
                if (alias.Length > MaxUtf8 || eventId.Length != 16)
                {
                    throw new CpmStoreException("Corrupt aliases row: an alias longer than any normalised alias, or an event id that is not 16 bytes.");
                }

                int size = 2 + alias.Length + EventBytes;
                if (_used + size > _chunk.Length)
                {
                    // Chunks double from 64 KiB, so a small store costs little; the few bytes left at the end of a full
                    // chunk stay unused, and only the last chunk is trimmed.
                    _chunk = GC.AllocateUninitializedArray<byte>(Math.Clamp(_chunk.Length * 2, FirstChunk, 1 << ChunkBits));
                    _chunkIndex = _owner.AddChunk(_chunk);
                    _used = 0;
                }

                Span<byte> record = _chunk.AsSpan(_used, size);
                BinaryPrimitives.WriteUInt16LittleEndian(record, (ushort)alias.Length);
                alias.CopyTo(record[2..]);
                BinaryPrimitives.WriteInt64LittleEndian(record[(2 + alias.Length)..], occurredAtMs);
                eventId.CopyTo(record[(10 + alias.Length)..]);
                Claim(Hash(alias), userId, ((uint)_chunkIndex << ChunkBits | (uint)_used) + 1);
                _used += size;
                _count++;
            }

            /// <summary>Once this writer has added everything: trims its last chunk to what it holds and counts its aliases into the table's.</summary>
            public void Finish()
            {
                if (_chunkIndex >= 0 && _used < _chunk.Length)
                {
                    Array.Resize(ref _chunk, _used);
                    lock (_owner._chunks)
                    {
                        _owner._chunks[_chunkIndex] = _chunk;
                    }
                }

                Interlocked.Add(ref _owner._count, _count);
                _count = 0;
            }

            private void Claim(int hash, string? userId, uint record)
            {
                Slot[] slots = _owner._slots;
                int i = slots.Length == 0 ? 0 : Start(hash, slots.Length);
                for (int probes = 0; probes < slots.Length; probes++)
                {
                    if (Interlocked.CompareExchange(ref slots[i].Record, record, 0) == 0)
                    {
                        slots[i].User = userId;
                        slots[i].Hash = hash;
                        return;
                    }

                    i = i + 1 == slots.Length ? 0 : i + 1;
                }

                throw new CpmStoreException("The aliases table changed while it was being read.");
            }
        }
    }
}
