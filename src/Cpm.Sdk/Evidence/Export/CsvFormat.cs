using System.Globalization;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// CSV (<see cref="CsvText"/>): the byte order mark, a header row with the JSON Lines field names, then one row per
/// record with the same values; evidence as its compact JSON in one cell, an absent value as an empty cell.
/// </summary>
internal sealed class CsvFormat(Utf8Buffer output) : IExportFormat
{
    public void Begin()
    {
        output.Write(CsvText.ByteOrderMark);
        CsvText.Header(output, ExportRow.FieldNames);
    }

    public void Row(ExportRow row)
    {
        Span<char> text = stackalloc char[64];
        row.Id.TryFormat(text, out int idLength, "D");
        CsvText.Cell(output, text[..idLength], first: true);
        CsvText.Cell(output, row.Kind);
        CsvText.Cell(output, row.UserId);
        CsvText.Cell(output, row.Purpose);
        CsvText.Cell(output, row.Channel);
        CsvText.Cell(output, row.Choice);
        CsvText.Cell(output, row.PolicyVersion is { } version && version.TryFormat(text, out int n, provider: CultureInfo.InvariantCulture) ? text[..n] : default);
        CsvText.Cell(output, ExportRow.Timestamp(row.OccurredAtMs, text));
        CsvText.Cell(output, row.Source);
        CsvText.Cell(output, row.Jurisdiction);
        CsvText.Cell(output, row.ExpiresAtMs is { } expires ? ExportRow.Timestamp(expires, text) : default);
        CsvText.Cell(output, row.EvidenceJson);
        CsvText.Cell(output, row.Origin);
        CsvText.Cell(output, ExportRow.Timestamp(row.RecordedAtMs, text));
        CsvText.Cell(output, row.LeafHash is { } hash && Convert.TryToHexStringLower(hash, text, out int hexLength) ? text[..hexLength] : default);
        CsvText.EndRow(output);
    }

    public void End(long count, AuditCheckpoint checkpoint)
    {
    }
}
