namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// RFC 4180 cells and rows: fields that hold a comma, a quote, CR or LF are quoted with quotes doubled; rows end in
/// CRLF. A cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is neutralised
/// against formula injection: prefixed with <c>'</c> and quoted, so a spreadsheet program shows it as text.
/// </summary>
internal static class CsvText
{
    /// <summary>The UTF-8 byte order mark, so spreadsheet programs read CJK text right.</summary>
    public static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Writes one cell, preceded by a comma unless it is the first of its row; <see langword="null"/> is an empty cell.</summary>
    public static void Cell(Utf8Buffer output, ReadOnlySpan<char> value, bool first = false)
    {
        if (!first)
        {
            output.Write(",");
        }

        bool neutralise = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!neutralise && value.IndexOfAny(",\"\r\n") < 0)
        {
            output.Write(value);
            return;
        }

        output.Write(neutralise ? "\"'" : "\"");
        int quote;
        while ((quote = value.IndexOf('"')) >= 0)
        {
            output.Write(value[..(quote + 1)]);
            output.Write("\"");
            value = value[(quote + 1)..];
        }

        output.Write(value);
        output.Write("\"");
    }

    /// <summary>Writes one cell from UTF-8 bytes, as <see cref="Cell(Utf8Buffer, ReadOnlySpan{char}, bool)"/> writes text.</summary>
    public static void Cell(Utf8Buffer output, ReadOnlySpan<byte> utf8, bool first = false)
    {
        if (!first)
        {
            output.Write(","u8);
        }

        bool neutralise = utf8.Length > 0 && utf8[0] is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@' or (byte)'\t' or (byte)'\r';
        if (!neutralise && utf8.IndexOfAny(",\"\r\n"u8) < 0)
        {
            output.Write(utf8);
            return;
        }

        output.Write(neutralise ? "\"'"u8 : "\""u8);
        int quote;
        while ((quote = utf8.IndexOf((byte)'"')) >= 0)
        {
            output.Write(utf8[..(quote + 1)]);
            output.Write("\""u8);
            utf8 = utf8[(quote + 1)..];
        }

        output.Write(utf8);
        output.Write("\""u8);
    }

    /// <summary>Ends a row.</summary>
    public static void EndRow(Utf8Buffer output) => output.Write("\r\n");

    /// <summary>Writes a header row.</summary>
    public static void Header(Utf8Buffer output, IReadOnlyList<string> names)
    {
        for (int i = 0; i < names.Count; i++)
        {
            Cell(output, names[i], first: i == 0);
        }

        EndRow(output);
    }
}
