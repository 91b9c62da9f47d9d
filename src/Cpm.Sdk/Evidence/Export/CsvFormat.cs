using C = Cpm.Sdk.Evidence.Export.ExportColumns;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// CSV (<see cref="CsvText"/>): the byte order mark, a header row with the JSON Lines field names, then one row per
/// record with the same values; evidence as its compact JSON in one cell, an absent value as an empty cell. Text goes
/// from SQLite's UTF-8 to the output without a string in between.
/// </summary>
internal sealed class CsvFormat(Utf8Buffer output) : IExportFormat
{
    public void Begin()
    {
        output.Write(CsvText.ByteOrderMark);
        CsvText.Header(output, [.. C.Names, C.SeparateName]);
    }

    public void Row(RawRows row)
    {
        Span<char> text = stackalloc char[64];
        Span<byte> number = stackalloc byte[24];
        row.Id(C.Id).TryFormat(text, out int idLength, "D");
        CsvText.Cell(output, text[..idLength], first: true);
        CsvText.Cell(output, row.IsNull(C.Kind) ? C.ConsentKind : row.Bytes(C.Kind));
        Text(row, C.UserId);
        Text(row, C.Purpose);
        Text(row, C.Channel);
        CsvText.Cell(output, row.IsNull(C.Choice) ? default : C.ChoiceText(row.Int32(C.Choice)));
        CsvText.Cell(output, !row.IsNull(C.PolicyVersion) && row.Int64(C.PolicyVersion).TryFormat(number, out int n) ? number[..n] : default);
        Timestamp(row, C.OccurredAt, text);
        Text(row, C.Source);
        Text(row, C.Jurisdiction);
        Timestamp(row, C.ExpiresAt, text);
        Text(row, C.Evidence);
        Text(row, C.Origin);
        Timestamp(row, C.RecordedAt, text);
        CsvText.Cell(output, !row.IsNull(C.LeafHash) && Convert.TryToHexStringLower(row.Bytes(C.LeafHash), text, out int hex) ? text[..hex] : default);
        CsvText.Cell(output, row.Int32(C.Separate) != 0 ? "true"u8 : "false"u8);
        CsvText.EndRow(output);
    }

    public void End(ExportTrailer trailer)
    {
    }

    private void Text(RawRows row, int column) => CsvText.Cell(output, row.IsNull(column) ? default : row.Bytes(column));

    private void Timestamp(RawRows row, int column, Span<char> text) =>
        CsvText.Cell(output, row.IsNull(column) ? default : C.Timestamp(row.Int64(column), text));
}
