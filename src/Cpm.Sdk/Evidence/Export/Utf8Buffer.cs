using System.Buffers;
using System.Text;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// A small UTF-8 output buffer that writers fill row by row and that is emptied into the destination stream whenever
/// it holds <see cref="FlushAt"/> bytes, so an export of any size keeps only about that much in memory.
/// </summary>
internal sealed class Utf8Buffer : IBufferWriter<byte>
{
    /// <summary>How many buffered bytes make a write to the destination.</summary>
    public const int FlushAt = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _bytes = new(FlushAt + 4096);

    /// <summary>Whether the buffer holds enough to be written out.</summary>
    public bool IsFull => _bytes.WrittenCount >= FlushAt;

    /// <summary>Appends text as UTF-8; a lone surrogate becomes U+FFFD.</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        Span<byte> span = _bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _bytes.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Appends bytes that are already UTF-8.</summary>
    public void Write(ReadOnlySpan<byte> utf8) => _bytes.Write(utf8);

    /// <summary>Writes what is buffered to <paramref name="destination"/> and empties the buffer.</summary>
    public async ValueTask FlushToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (_bytes.WrittenCount > 0)
        {
            await destination.WriteAsync(_bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _bytes.ResetWrittenCount();
        }
    }

    public void Advance(int count) => _bytes.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _bytes.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _bytes.GetSpan(sizeHint);
}
