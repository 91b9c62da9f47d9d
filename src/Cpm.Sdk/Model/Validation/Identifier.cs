namespace Cpm.Sdk.Model.Validation;

/// <summary>Purpose, channel and source ids: <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>, checked without allocating.</summary>
internal static class Identifier
{
    public const int MaxLength = 64;
    public const string Pattern = "^[a-z0-9][a-z0-9._-]{0,63}$";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !IsLowerAlphanumeric(value[0]))
        {
            return false;
        }

        foreach (char c in value.AsSpan(1))
        {
            if (!IsLowerAlphanumeric(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);
}
