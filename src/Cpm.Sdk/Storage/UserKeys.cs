namespace Cpm.Sdk.Storage;

/// <summary>User ids as the <c>state</c> table orders them: UTF-8 bytes, compared bytewise (SQLite's BINARY collation).</summary>
internal static class UserKeys
{
    /// <summary>
    /// A key between <paramref name="low"/> and <paramref name="high"/> that splits the range in two: their bytewise
    /// average. Exact halves only for evenly spread ids, but always correct: the ranges below and from it cover every
    /// key once. <see langword="null"/> when there is nothing to split.
    /// </summary>
    public static byte[]? Midpoint(byte[]? low, byte[]? high)
    {
        if (low is null || high is null || low.AsSpan().SequenceCompareTo(high) >= 0)
        {
            return null;
        }

        // Read both as base-256 fractions of equal length, add, halve. Sixteen bytes past the common prefix are plenty.
        int prefix = low.AsSpan().CommonPrefixLength(high);
        int length = Math.Min(Math.Max(low.Length, high.Length), prefix + 16);
        int[] sum = new int[length];
        for (int i = 0; i < length; i++)
        {
            sum[i] = (i < low.Length ? low[i] : 0) + (i < high.Length ? high[i] : 0);
        }

        for (int i = length - 1; i > 0; i--)
        {
            sum[i - 1] += sum[i] >> 8;
            sum[i] &= 0xFF;
        }

        byte[] middle = new byte[length];
        int carry = sum[0] >> 8; // 0 or 1: the bit above the first byte
        for (int i = 0; i < length; i++)
        {
            int value = (carry << 8) | (sum[i] & 0xFF);
            middle[i] = (byte)(value >> 1);
            carry = value & 1;
        }

        // Trailing zero bytes add nothing to the order and are not valid text.
        int end = middle.Length;
        while (end > 0 && middle[end - 1] == 0)
        {
            end--;
        }

        byte[] split = middle[..end];
        return split.AsSpan().SequenceCompareTo(low) > 0 && split.AsSpan().SequenceCompareTo(high) <= 0 ? split : null;
    }

    /// <summary>Follows the user id through rows sorted by it, making one string per user rather than one per row.</summary>
    public sealed class Current
    {
        private byte[] _utf8 = new byte[256];
        private int _length;

        /// <summary>The id of the user whose rows are being read, once a row was seen.</summary>
        public string? Id { get; private set; }

        /// <summary>Moves to the row's user; returns the previous user when this row starts a new one.</summary>
        public string? Advance(ReadOnlySpan<byte> utf8)
        {
            if (Id is not null && utf8.SequenceEqual(_utf8.AsSpan(0, _length)))
            {
                return null;
            }

            string? finished = Id;
            if (utf8.Length > _utf8.Length)
            {
                _utf8 = new byte[utf8.Length];
            }

            utf8.CopyTo(_utf8);
            _length = utf8.Length;
            Id = System.Text.Encoding.UTF8.GetString(utf8);
            return finished;
        }
    }
}
