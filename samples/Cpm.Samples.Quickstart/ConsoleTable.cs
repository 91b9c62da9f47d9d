using System.Globalization;
using System.Text;

namespace Cpm.Samples.Quickstart;

/// <summary>
/// A plain-text table whose columns stay aligned in a terminal, CJK and emoji included:
/// those take two cells on screen, so widths are counted in display cells, not chars.
/// </summary>
internal sealed class ConsoleTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; each cell is formatted with the invariant culture, on one line.</summary>
    public ConsoleTable Add(params object?[] cells)
    {
        _rows.Add([.. cells.Select(c => (Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ReplaceLineEndings(" "))]);
        return this;
    }

    /// <summary>Writes the header, a rule and every row, indented by two spaces.</summary>
    public void Write()
    {
        int[] widths = new int[headers.Length];
        foreach (string[] row in _rows.Prepend(headers))
        {
            for (int i = 0; i < widths.Length && i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Text.Width(row[i]));
            }
        }

        WriteRow(headers, widths);
        WriteRow([.. widths.Select(w => new string('-', w))], widths);
        foreach (string[] row in _rows)
        {
            WriteRow(row, widths);
        }

        Console.WriteLine();
    }

    private static void WriteRow(string[] row, int[] widths)
    {
        var line = new StringBuilder("  ");
        for (int i = 0; i < widths.Length; i++)
        {
            string cell = i < row.Length ? row[i] : "";
            line.Append(cell);
            if (i < widths.Length - 1)
            {
                line.Append(' ', widths[i] - Text.Width(cell) + 2);
            }
        }

        Console.WriteLine(line.ToString().TrimEnd());
    }
}

/// <summary>Small text helpers for the sample's console output.</summary>
internal static class Text
{
    /// <summary>Prints a section heading.</summary>
    public static void Heading(string title)
    {
        Console.WriteLine(title);
        Console.WriteLine(new string('=', Width(title)));
    }

    /// <summary>A timestamp in UTC, to the minute: 2026-05-01 09:30; a dash when there is none.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    /// <summary>A timestamp in UTC, to the millisecond: 09:30:12.345; a dash when there is none.</summary>
    public static string Stamp(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "-";

    /// <summary>Evidence as <c>key=value</c> pairs, sorted by key.</summary>
    public static string Evidence(IReadOnlyDictionary<string, string>? evidence) =>
        evidence is null or { Count: 0 }
            ? "-"
            : string.Join(", ", evidence.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>How many terminal cells <paramref name="text"/> takes: wide (CJK, emoji) runes count two, marks none.</summary>
    public static int Width(string text)
    {
        int width = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            width += Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format => 0,
                _ => IsWide(rune.Value) ? 2 : 1,
            };
        }

        return width;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF)
            or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F)
            or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x1F680 and <= 0x1F6FF) or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD);
}
