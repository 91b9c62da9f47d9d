using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Audit;

/// <summary>
/// The leaf bytes of a stored event written straight to UTF-8: byte for byte what <see cref="AuditLeaf.Bytes"/> makes
/// of <see cref="WireEvent.FromRecord"/> (canonical JSON, RFC 8785), without the wire event, the member dictionary,
/// the sorting and the string building in between. Every commit, every verification and every proof computes leaves,
/// so this is on the hot path. The members are written in their canonical order (sorted by UTF-16 code units); the
/// evidence map, whose keys are the caller's, is sorted the same way. One buffer per thread.
/// </summary>
internal sealed class EventLeafWriter
{
    [ThreadStatic]
    private static EventLeafWriter? _current;

    /// <summary>Where a commitment's input (salt ‖ value) is written, beside the leaf being written.</summary>
    [ThreadStatic]
    private static EventLeafWriter? _scratch;

    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>The leaf bytes.</summary>
    /// <exception cref="ArgumentException">The salt is not <see cref="WireFormat.SaltLength"/> bytes.</exception>
    public static byte[] Bytes(ConsentRecord record, byte[] salt)
    {
        EventLeafWriter writer = Write(record, salt);
        return writer._buffer.AsSpan(1, writer._length - 1).ToArray();
    }

    /// <summary>The leaf hash: SHA-256(0x00 ‖ leaf bytes), as <see cref="MerkleLog.HashLeaf"/>.</summary>
    /// <exception cref="ArgumentException">The salt is not <see cref="WireFormat.SaltLength"/> bytes.</exception>
    public static byte[] Hash(ConsentRecord record, byte[] salt)
    {
        EventLeafWriter writer = Write(record, salt);
        return SHA256.HashData(writer._buffer.AsSpan(0, writer._length));
    }

    private static EventLeafWriter Write(ConsentRecord record, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(salt);
        if (salt.Length != WireFormat.SaltLength)
        {
            throw new ArgumentException($"A salt is {WireFormat.SaltLength} bytes.", nameof(salt));
        }

        // Stryker disable once Assignment : equivalent. A new writer per call writes the same bytes; the thread-static one only saves the allocation.
        EventLeafWriter writer = _current ??= new EventLeafWriter();
        // Stryker disable once Assignment : equivalent. A new scratch writer per call writes the same bytes; the thread-static one only saves the allocation.
        EventLeafWriter scratch = _scratch ??= new EventLeafWriter();
        writer._length = 0;
        writer.Raw([0x00]); // the leaf prefix of RFC 6962, so the hash needs no copy; not part of the bytes
        writer.Raw("{\"channel\":"u8);
        writer.String(record.Channel);
        writer.Raw(",\"choice\":"u8);
        writer.String(WireFormat.FormatChoice(Enum.IsDefined(record.Choice) ? record.Choice : ConsentChoice.Withdrawn));
        writer.Raw(",\"evidence\":"u8);
        if (record.Evidence is null)
        {
            writer.Raw("null"u8);
        }
        else
        {
            scratch.Salted(salt).CanonicalMap(record.Evidence);
            writer.Commitment(scratch);
        }

        writer.Raw(",\"expiresAt\":"u8);
        writer.Timestamp(record.ExpiresAt);
        if (record.Frequency is { } frequency)
        {
            // A member only when set, as in AuditLeaf; a period this build does not know (a damaged row) fails the leaf.
            writer.Raw(",\"frequency\":{\"maxSends\":"u8);
            writer.Formatted((long)frequency.MaxSends, null);
            writer.Raw(",\"period\":"u8);
            writer.String(Enum.IsDefined(frequency.Period) ? WireFormat.FormatPeriod(frequency.Period) : "");
            writer.Raw("}"u8);
        }

        writer.Raw(",\"id\":\""u8);
        // Stryker disable once String : equivalent. "D" is the format Guid uses when none is given.
        writer.Formatted(record.Id, "D");
        writer.Raw("\",\"jurisdiction\":"u8);
        writer.String(record.Jurisdiction);
        writer.Raw(",\"kind\":\"consent\",\"occurredAt\":"u8);
        writer.Timestamp(record.OccurredAt);
        writer.Raw(",\"origin\":"u8);
        writer.String(record.Origin);
        writer.Raw(",\"policyVersion\":"u8);
        writer.Formatted((long)record.PolicyVersion, null);
        writer.Raw(",\"purpose\":"u8);
        writer.String(record.Purpose);
        if (record.Separate)
        {
            writer.Raw(",\"separate\":true"u8);   // a member only when set, as in AuditLeaf
        }

        writer.Raw(",\"source\":"u8);
        writer.String(record.Source);
        writer.Raw(",\"subject\":"u8);
        scratch.Salted(salt).Utf8(record.UserId);   // a record always has a user id
        writer.Commitment(scratch);

        writer.Raw("}"u8);
        return writer;
    }

    /// <summary>Starts the input of a commitment: the salt, to be followed by the value (SHA-256 of salt ‖ value).</summary>
    private EventLeafWriter Salted(byte[] salt)
    {
        _length = 0;
        Raw(salt);
        return this;
    }

    /// <summary>Writes the canonical JSON of a string map, UTF-8: keys sorted by UTF-16 code units.</summary>
    private void CanonicalMap(IReadOnlyDictionary<string, string> map)
    {
        var pairs = new KeyValuePair<string, string>[map.Count];
        int n = 0;
        foreach (KeyValuePair<string, string> pair in map)
        {
            pairs[n++] = pair;
        }

        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        Raw("{"u8);
        for (int i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                Raw(","u8);
            }

            String(pairs[i].Key);
            Raw(":"u8);
            String(pairs[i].Value);
        }

        Raw("}"u8);
    }

    /// <summary>
    /// A commitment, as <see cref="AuditLeaf.Commitment"/>: base64 of SHA-256(salt ‖ UTF-8 of the value), the input
    /// being what <paramref name="input"/> holds.
    /// </summary>
    private void Commitment(EventLeafWriter input)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input._buffer.AsSpan(0, input._length), hash);
        Span<byte> base64 = Reserve(2 + 44);
        base64[0] = (byte)'"';
        Base64.EncodeToUtf8(hash, base64[1..], out _, out int written);
        base64[1 + written] = (byte)'"';
        _length += 2 + written;
    }

    private void Timestamp(DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            Raw("null"u8);
            return;
        }

        Raw("\""u8);
        Formatted(instant.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        Raw("\""u8);
    }

    private void Formatted<T>(T value, string? format)
        where T : IUtf8SpanFormattable
    {
        Span<byte> space = Reserve(64);
        if (!value.TryFormat(space, out int written, format, CultureInfo.InvariantCulture))
        {
            // Stryker disable once all : equivalent. Unreachable: 64 bytes hold every value formatted here (a GUID is 36, a long 20, a timestamp 24).
            throw new InvalidOperationException("A formatted value did not fit.");
        }

        _length += written;
    }

    /// <summary>A JSON string escaped as RFC 8785 requires (see <see cref="CanonicalJson"/>), or <c>null</c>.</summary>
    private void String(string? value)
    {
        if (value is null)
        {
            Raw("null"u8);
            return;
        }

        if (value.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || value.AsSpan().IndexOfAny('"', '\\') >= 0)
        {
            // Rare: let the general writer escape it; its text is this member's canonical form.
            value = CanonicalJson.EscapedContent(value);
        }

        Span<byte> space = Reserve(2 + Encoding.UTF8.GetMaxByteCount(value.Length));
        space[0] = (byte)'"';
        int written = Encoding.UTF8.GetBytes(value, space[1..]);
        space[1 + written] = (byte)'"';
        _length += 2 + written;
    }

    /// <summary>UTF-8 of a value, unquoted and unescaped: a commitment's input.</summary>
    private void Utf8(string value)
    {
        Span<byte> space = Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, space);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    private Span<byte> Reserve(int count)
    {
        // Stryker disable once Equality : equivalent. Growing when the space left equals the count needed only grows one write early.
        if (_buffer.Length - _length < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        return _buffer.AsSpan(_length);
    }
}
