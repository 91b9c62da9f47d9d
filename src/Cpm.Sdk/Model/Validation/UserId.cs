using System.Text;

namespace Cpm.Sdk.Model.Validation;

/// <summary>User ids: 1 to 256 characters, not whitespace only, no control characters, well-formed UTF-16.</summary>
internal static class UserId
{
    public const int MaxLength = 256;

    /// <summary>Returns why <paramref name="value"/> is not a valid user id, or <see langword="null"/> when it is.</summary>
    public static string? Problem(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters, not {value.Length}";
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be whitespace only";
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return $"must not contain control characters (found U+{(int)c:X4})";
            }
        }

        return IsWellFormed(value)
            ? null
            : "must be well-formed UTF-16 (found a lone surrogate)";
    }

    private static bool IsWellFormed(string value)
    {
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
