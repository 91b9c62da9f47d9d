namespace Cpm.Cli.Output;

/// <summary>An aligned text table: a header, a rule, the rows (text left-aligned, numbers right-aligned), or a line saying there are none.</summary>
internal static class TextTable
{
    /// <param name="output">Where to write.</param>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The cells, one array per row, as many as <paramref name="header"/>.</param>
    /// <param name="numericFrom">The first column right-aligned; those after it are too.</param>
    /// <param name="empty">The line written under the header when there is no row.</param>
    public static async Task WriteAsync(TextWriter output, string[] header, IReadOnlyList<string[]> rows, int numericFrom, string empty)
    {
        int[] widths = [.. header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, i) =>
            i >= numericFrom ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
        await output.WriteLineAsync(Line(header)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Join("  ", widths.Select(w => new string('-', w)))).ConfigureAwait(false);
        foreach (string[] row in rows)
        {
            await output.WriteLineAsync(Line(row)).ConfigureAwait(false);
        }

        if (rows.Count == 0)
        {
            await output.WriteLineAsync(empty).ConfigureAwait(false);
        }
    }
}
