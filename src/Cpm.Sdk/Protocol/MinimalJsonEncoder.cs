using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// Escapes only what JSON requires (RFC 8259 §7): the quotation mark, the reverse solidus and the control characters
/// U+0000 to U+001F. Everything else, CJK and emoji included, is written as plain UTF-8, so evidence is measured in the
/// bytes its text really takes (<c>中</c> is 3 bytes, not the 6 of <c>\u4E2D</c>) and the wire stays readable.
/// </summary>
/// <remarks>
/// The output is never placed inside HTML or a script, which is what the default encoder guards against. A lone
/// surrogate cannot be written as UTF-8: the framework replaces it with U+FFFD, as it does with the default encoder.
/// </remarks>
internal sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    /// <summary>The one instance; the encoder holds no state.</summary>
    public static MinimalJsonEncoder Instance { get; } = new();

    private MinimalJsonEncoder()
    {
    }

    /// <summary><c>\u001F</c>: six characters are the longest escape written for one input character.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (WillEncode(c) || char.IsLowSurrogate(c))
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
                {
                    return i;   // ill-formed: let the framework substitute it
                }

                i++;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        numberOfCharactersWritten = 0;
        if (!Rune.IsValid(unicodeScalar))
        {
            return false;
        }

        if (!WillEncode(unicodeScalar))
        {
            // Asked for a character that needs no escape: write it as it is.
            return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        string escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => string.Create(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:X4}"),
        };
        if (!escape.AsSpan().TryCopyTo(destination))
        {
            return false;
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
