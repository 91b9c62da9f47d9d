using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cpm.Sdk.Rights;

/// <summary>
/// The aliases a store held at open, built once by <see cref="RightsLoader"/> and never changed, so reads need no lock.
/// Two million aliases must fit beside the gate index, so there is no object per alias: an open-addressing table of
/// slots (the person's id, shared with the gate index, and the alias's hash) over byte chunks that hold each alias as
/// UTF-8 followed by the event that decides it (time and id, which only the writer reads). A lookup hashes the alias's
/// UTF-8 on the stack, probes the slots and compares the bytes: it allocates nothing.
/// </summary>
internal sealed partial class AliasTable
{
    /// <summary>Bytes per chunk; a record never spans two, and a slot addresses a record by chunk and offset.</summary>
    private const int ChunkBits = 24;

    /// <summary>Per record, after the alias: occurred_at (8 bytes) and the event id (16, big-endian).</summary>
    private const int EventBytes = 24;

    /// <summary>The longest alias in UTF-8: <see cref="AliasNormalizer.MaxLength"/> UTF-16 code units, 3 bytes each at most.</summary>
    private const int MaxUtf8 = AliasNormalizer.MaxLength * 3;

    private readonly Slot[] _slots;
    private readonly byte[][] _chunks;

    private AliasTable(Slot[] slots, byte[][] chunks, int count)
    {
        _slots = slots;
        _chunks = chunks;
        Count = count;
    }

    /// <summary>A table without aliases.</summary>
    public static AliasTable Empty { get; } = new([], [], 0);

    public int Count { get; }

    /// <summary>Whether the table holds <paramref name="normalized"/>, linked or not; and if so, whom it points to.</summary>
    [SkipLocalsInit]
    public bool TryResolve(ReadOnlySpan<char> normalized, out string? userId)
    {
        Span<byte> utf8 = stackalloc byte[MaxUtf8];
        int slot = Find(utf8[..Encoding.UTF8.GetBytes(normalized, utf8)]);
        userId = slot < 0 ? null : _slots[slot].User;
        return slot >= 0;
    }

    /// <summary>The event that decides <paramref name="normalized"/> at open, for the writer's rule-4 comparison.</summary>
    public AliasTarget? Get(string normalized)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(normalized);
        int slot = utf8.Length > MaxUtf8 ? -1 : Find(utf8);
        if (slot < 0)
        {
            return null;
        }

        (byte[] chunk, int offset) = Locate(_slots[slot].Record);
        ReadOnlySpan<byte> fields = chunk.AsSpan(offset + 2 + BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(offset)), EventBytes);
        return new AliasTarget(_slots[slot].User, BinaryPrimitives.ReadInt64LittleEndian(fields), new Guid(fields[8..], bigEndian: true));
    }

    private int Find(ReadOnlySpan<byte> utf8)
    {
        Slot[] slots = _slots;
        if (slots.Length == 0)
        {
            return -1;
        }

        int hash = Hash(utf8);
        int i = Start(hash, slots.Length);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Record == 0)
            {
                return -1;
            }

            if (slot.Hash == hash && Text(slot.Record).SequenceEqual(utf8))
            {
                return i;
            }

            i = i + 1 == slots.Length ? 0 : i + 1;
        }
    }

    private ReadOnlySpan<byte> Text(uint record)
    {
        (byte[] chunk, int offset) = Locate(record);
        return chunk.AsSpan(offset + 2, BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(offset)));
    }

    private (byte[] Chunk, int Offset) Locate(uint record) =>
        (_chunks[(record - 1) >> ChunkBits], (int)((record - 1) & ((1u << ChunkBits) - 1)));

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    /// <summary>The first slot to probe: the hash scaled to the table (its high bits, which are well mixed).</summary>
    private static int Start(int hash, int length) => (int)(((ulong)(uint)hash * (ulong)length) >> 32);

    /// <summary>A table position: the alias's person (<see langword="null"/>: unlinked), its hash, and its record (1-based; 0: empty).</summary>
    private struct Slot
    {
        public string? User;
        public int Hash;
        public uint Record;
    }
}
