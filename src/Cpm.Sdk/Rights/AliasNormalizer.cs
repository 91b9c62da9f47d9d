namespace Cpm.Sdk.Rights;

/// <summary>
/// The one place aliases are normalised, at capture and at lookup alike: <c>kind:value</c>, the kind lower-cased and
/// declared, the value trimmed; an <c>email</c> lower-cased; a <c>phone</c> kept to its digits with a leading <c>+</c>
/// (an international <c>00</c> prefix becomes <c>+</c>), so <c>+86 138-0000-0000</c>, <c>(+86) 13800000000</c> and
/// <c>0086 138 0000 0000</c> are one alias. Other kinds (WeChat openIds, ...) are case-sensitive and only trimmed.
/// Writes into a caller's buffer, so a lookup allocates nothing.
/// </summary>
internal static class AliasNormalizer
{
    /// <summary>The longest alias, normalised, in UTF-16 code units.</summary>
    public const int MaxLength = 320;

    /// <summary>The alias kind whose values are phone numbers.</summary>
    public const string Phone = "phone";

    /// <summary>The alias kind whose values are email addresses.</summary>
    public const string Email = "email";

    /// <summary>
    /// Normalises <paramref name="alias"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/>
    /// long); returns the length written, or -1 when it is not <c>kind:value</c> with a non-empty value, its kind is
    /// not a lower-case identifier, a phone has no digits, or the result is longer than <see cref="MaxLength"/>.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> alias, Span<char> destination)
    {
        alias = alias.Trim();
        int colon = alias.IndexOf(':');
        if (colon <= 0 || colon > 64 || destination.Length < MaxLength)
        {
            return -1;
        }

        ReadOnlySpan<char> kind = alias[..colon].TrimEnd();
        ReadOnlySpan<char> value = alias[(colon + 1)..].Trim();
        int written = 0;
        foreach (char c in kind)
        {
            char lower = char.ToLowerInvariant(c);
            if (!(char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) || (written > 0 && lower is '.' or '_' or '-')))
            {
                return -1;
            }

            destination[written++] = lower;
        }

        destination[written++] = ':';
        int valueLength = IsKind(destination[..(written - 1)], Phone)
            ? PhoneValue(value, destination[written..])
            : OtherValue(value, destination[written..], lowerCase: IsKind(destination[..(written - 1)], Email));
        return valueLength <= 0 ? -1 : written + valueLength;
    }

    /// <summary>The normalised alias as a string; <see langword="null"/> when <see cref="Normalize(ReadOnlySpan{char}, Span{char})"/> refuses it.</summary>
    public static string? Normalize(string alias)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        int length = Normalize(alias, buffer);
        return length < 0 ? null : new string(buffer[..length]);
    }

    /// <summary>The kind of a normalised alias.</summary>
    public static ReadOnlySpan<char> KindOf(ReadOnlySpan<char> normalized) => normalized[..normalized.IndexOf(':')];

    private static bool IsKind(ReadOnlySpan<char> kind, string name) => kind.SequenceEqual(name);

    private static int PhoneValue(ReadOnlySpan<char> value, Span<char> destination)
    {
        int written = 0;
        int digits = 0;
        bool international = false;
        foreach (char c in value)
        {
            if (c == '+' && digits == 0 && !international)
            {
                international = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (written >= destination.Length - 1)
                {
                    return -1;
                }

                destination[++written] = c;    // position 0 is kept for the '+'
                digits++;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '\u00A0'))
            {
                return -1;   // letters or other signs: not a phone number
            }
        }

        if (digits == 0)
        {
            return -1;
        }

        Span<char> number = destination[1..(written + 1)];
        if (!international && number.StartsWith("00") && number.Length > 2)
        {
            // 0086...: the international prefix, written as '+'.
            destination[0] = '+';
            number[2..].CopyTo(destination[1..]);
            return number.Length - 1;
        }

        if (international)
        {
            destination[0] = '+';
            return number.Length + 1;
        }

        number.CopyTo(destination);
        return number.Length;
    }

    private static int OtherValue(ReadOnlySpan<char> value, Span<char> destination, bool lowerCase)
    {
        if (value.IsEmpty || value.Length > destination.Length)
        {
            return -1;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return -1;
            }
        }

        if (lowerCase)
        {
            value.ToLowerInvariant(destination);
        }
        else
        {
            value.CopyTo(destination);
        }

        return value.Length;
    }
}
