using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Cpm.Sdk.Rights;

/// <summary>
/// The erased people, in memory: SHA-256 of each erased user id (the only trace kept) with the erasure that decides.
/// The gate asks it only for a user the index does not hold, and only when someone was erased; the lookup hashes the
/// id on the stack and allocates nothing. Only the single writer (or the loader before open returns) adds to it.
/// </summary>
internal sealed class Tombstones
{
    private readonly ConcurrentDictionary<SubjectKey, Tombstone> _erased = new();
    private volatile int _count;

    public int Count => _count;

    /// <summary>The erasure of <paramref name="userId"/>, if the person was erased.</summary>
    public bool TryGet(string userId, out Tombstone tombstone)
    {
        if (_count == 0)
        {
            tombstone = default;
            return false;
        }

        return _erased.TryGetValue(SubjectKey.Of(userId), out tombstone);
    }

    public bool TryGet(SubjectKey key, out Tombstone tombstone) => _erased.TryGetValue(key, out tombstone);

    /// <summary>Keeps <paramref name="tombstone"/> unless a later erasure of the same person is already kept.</summary>
    public void Add(SubjectKey key, Tombstone tombstone)
    {
        _erased.AddOrUpdate(key, tombstone, (_, current) => tombstone.Beats(current) ? tombstone : current);
        _count = _erased.Count;
    }
}

/// <summary>An erasure: its event and the time it took effect (every event that occurred at or before it is erased).</summary>
internal readonly record struct Tombstone(Guid EventId, long ErasedAtMs)
{
    /// <summary>Whether this erasure is the later one: by time, then by event id, so every instance keeps the same.</summary>
    public bool Beats(Tombstone other) =>
        ErasedAtMs != other.ErasedAtMs ? ErasedAtMs > other.ErasedAtMs : EventId.CompareTo(other.EventId) > 0;
}

/// <summary>SHA-256 of a user id's UTF-8, as four integers: a dictionary key that costs no allocation to make.</summary>
internal readonly record struct SubjectKey(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>The longest user id, in UTF-8 bytes (256 UTF-16 code units, each at most 3 bytes).</summary>
    private const int MaxUtf8 = 256 * 3;

    public static SubjectKey Of(string userId)
    {
        Span<byte> hash = stackalloc byte[32];
        int length = Encoding.UTF8.GetMaxByteCount(userId.Length);
        if (length <= MaxUtf8)
        {
            Span<byte> utf8 = stackalloc byte[MaxUtf8];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(userId, utf8)], hash);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        }

        return FromBytes(hash);
    }

    public static SubjectKey FromBytes(ReadOnlySpan<byte> hash) => new(
        BinaryPrimitives.ReadUInt64BigEndian(hash),
        BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(hash[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(hash[24..]));

    /// <summary>Reads a subject hash as the wire spells it (<see cref="Protocol.WireFormat.SubjectHash"/>).</summary>
    public static SubjectKey? FromBase64(string? value) =>
        Protocol.WireFormat.ParseHash(value) is { } bytes ? FromBytes(bytes) : null;

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), D);
        return bytes;
    }

    /// <summary>The hash as the wire spells it: standard base64.</summary>
    public override string ToString() => Convert.ToBase64String(ToBytes());
}
