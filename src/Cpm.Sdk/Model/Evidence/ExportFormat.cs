namespace Cpm.Sdk;

/// <summary>The format of an export (<see cref="IConsentEvidence.ExportAsync"/>).</summary>
public enum ExportFormat
{
    /// <summary>
    /// One JSON object per line (UTF-8 without a byte order mark, <c>\n</c> line ends), then a trailer line
    /// <c>{"trailer":true,"count":n,"checkpoint":{"origin":...,"size":...,"rootHash":"base64"}}</c>.
    /// </summary>
    JsonLines,

    /// <summary>
    /// RFC 4180 (CRLF line ends, fields quoted where needed, quotes doubled), UTF-8 with a byte order mark, a header
    /// row, one column per field, evidence as compact JSON in one cell. A cell that starts with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return is prefixed with <c>'</c> and quoted, so spreadsheet programs
    /// never run it as a formula.
    /// </summary>
    Csv,
}
