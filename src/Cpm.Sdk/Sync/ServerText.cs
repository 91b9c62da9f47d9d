using System.Globalization;
using System.Text;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Makes text that came from elsewhere (a server's error, an exception message) fit for logs and the status:
/// control and formatting characters become spaces, and the result is at most <see cref="MaxLength"/> characters.
/// </summary>
internal static class ServerText
{
    public const int MaxLength = 200;

    public static string Clean(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (char c in text)
        {
            if (builder.Length > maxLength)
            {
                break;
            }

            bool hidden = char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            builder.Append(hidden ? ' ' : c);
        }

        string clean = builder.ToString().Trim();
        if (clean.Length <= maxLength)
        {
            return clean;
        }

        int cut = maxLength - 1;
        if (char.IsHighSurrogate(clean[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }

        return string.Concat(clean.AsSpan(0, cut), "…");
    }
}
