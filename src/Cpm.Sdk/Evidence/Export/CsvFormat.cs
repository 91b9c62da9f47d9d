using C = Cpm.Sdk.Evidence.Export.ExportColumns;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// CSV (<see cref="CsvText"/>): the byte order mark, a header row with the JSON Lines field names, then one row per
/// record with the same values; evidence as its compact JSON in one cell, an absent value as an empty cell (a choice's
/// cells on a link, an unlink, an erasure or a request; the user id, evidence and alias of a scrubbed record). After
/// <c>separate</c> come the columns of the other kinds: <c>alias</c>, <c>subjectHash</c>, <c>scrubbed</c> and a scrubbed
/// record's commitments, and last a grant's frequency (<c>frequencyMaxSends</c>, <c>frequencyPeriod</c>; empty when it has
/// none). Text goes from SQLite's UTF-8 to the output without a string in between.
/// </summary>
internal sealed class CsvFormat(Utf8Buffer output) : IExportFormat
{
    public void Begin()
    {
        output.Write(CsvText.ByteOrderMark);
        CsvText.Header(output, [.. C.Names, C.SeparateName, .. C.KindNames, .. C.FrequencyNames]);
    }

    public void Row(RawRows row)
    {
        Span<char> text = stackalloc char[64];
        Span<byte> number = stackalloc byte[24];
        bool consent = C.IsConsent(row);
        row.Id(C.Id).TryFormat(text, out int idLength, "D");
        CsvText.Cell(output, text[..idLength], first: true);
        CsvText.Cell(output, row.IsNull(C.Kind) ? C.ConsentKind : row.Bytes(C.Kind));
        Text(row, C.UserId);
        Text(row, C.Purpose);
        Text(row, C.Channel);
        CsvText.Cell(output, !consent || row.IsNull(C.Choice) ? default : C.ChoiceText(row.Int32(C.Choice)));
        CsvText.Cell(output, consent && !row.IsNull(C.PolicyVersion) && row.Int64(C.PolicyVersion).TryFormat(number, out int n) ? number[..n] : default);
        Timestamp(row, C.OccurredAt, text);
        Text(row, C.Source);
        Text(row, C.Jurisdiction);
        Timestamp(row, C.ExpiresAt, text);
        Text(row, C.Evidence);
        Text(row, C.Origin);
        Timestamp(row, C.RecordedAt, text);
        CsvText.Cell(output, !row.IsNull(C.LeafHash) && Convert.TryToHexStringLower(row.Bytes(C.LeafHash), text, out int hex) ? text[..hex] : default);
        CsvText.Cell(output, !consent ? default : row.Int32(C.Separate) != 0 ? "true"u8 : "false"u8);
        Text(row, C.Alias);
        Text(row, C.SubjectHash);
        CsvText.Cell(output, C.IsScrubbed(row) ? "true"u8 : "false"u8);
        Text(row, C.SubjectCommitment);
        Text(row, C.EvidenceCommitment);
        Text(row, C.AliasCommitment);
        CsvText.Cell(output, consent && !row.IsNull(C.FrequencyMax) && row.Int64(C.FrequencyMax).TryFormat(number, out int max) ? number[..max] : default);
        CsvText.Cell(output, consent && !row.IsNull(C.FrequencyMax) && !row.IsNull(C.FrequencyPeriod) ? row.Bytes(C.FrequencyPeriod) : default);
        CsvText.EndRow(output);
    }

    public void End(ExportTrailer trailer)
    {
    }

    private void Text(RawRows row, int column) => CsvText.Cell(output, row.IsNull(column) ? default : row.Bytes(column));

    private void Timestamp(RawRows row, int column, Span<char> text) =>
        CsvText.Cell(output, row.IsNull(column) ? default : C.Timestamp(row.Int64(column), text));
}
