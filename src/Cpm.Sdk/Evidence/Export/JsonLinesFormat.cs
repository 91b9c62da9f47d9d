using System.Text.Json;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// JSON Lines: one compact object per record with the wire's camelCase names and timestamps, plus <c>kind</c>,
/// <c>recordedAt</c>, <c>origin</c> and <c>leafHash</c> (hex, when the store keeps it); then the trailer line with the
/// count and the checkpoint. UTF-8 without a byte order mark, <c>\n</c> after every line, only the escapes JSON requires.
/// </summary>
internal sealed class JsonLinesFormat(Utf8Buffer output) : IExportFormat, IDisposable
{
    private static readonly JsonEncodedText[] Names = [.. ExportRow.FieldNames.Select(name => JsonEncodedText.Encode(name))];

    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance });

    public void Begin()
    {
    }

    public void Row(ExportRow row)
    {
        Span<char> text = stackalloc char[64];
        _json.WriteStartObject();
        row.Id.TryFormat(text, out int idLength, "D");
        _json.WriteString(Names[0], text[..idLength]);
        _json.WriteString(Names[1], row.Kind);
        _json.WriteString(Names[2], row.UserId);
        _json.WriteString(Names[3], row.Purpose);
        _json.WriteString(Names[4], row.Channel);
        _json.WriteString(Names[5], row.Choice);
        WriteNumber(Names[6], row.PolicyVersion);
        _json.WriteString(Names[7], ExportRow.Timestamp(row.OccurredAtMs, text));
        _json.WriteString(Names[8], row.Source);
        _json.WriteString(Names[9], row.Jurisdiction);
        WriteTimestamp(Names[10], row.ExpiresAtMs, text);
        _json.WritePropertyName(Names[11]);
        if (row.EvidenceJson is null)
        {
            _json.WriteNullValue();
        }
        else
        {
            _json.WriteRawValue(row.EvidenceJson);
        }

        _json.WriteString(Names[12], row.Origin);
        _json.WriteString(Names[13], ExportRow.Timestamp(row.RecordedAtMs, text));
        if (row.LeafHash is { } leafHash && Convert.TryToHexStringLower(leafHash, text, out int hexLength))
        {
            _json.WriteString(Names[14], text[..hexLength]);
        }

        _json.WriteEndObject();
        EndLine();
    }

    public void End(long count, AuditCheckpoint checkpoint)
    {
        _json.WriteStartObject();
        _json.WriteBoolean("trailer", true);
        _json.WriteNumber("count", count);
        _json.WriteStartObject("checkpoint");
        _json.WriteString("origin", checkpoint.Origin);
        _json.WriteNumber("size", checkpoint.Size);
        _json.WriteBase64String("rootHash", checkpoint.RootHash);
        _json.WriteEndObject();
        _json.WriteEndObject();
        EndLine();
    }

    public void Dispose() => _json.Dispose();

    private void EndLine()
    {
        _json.Flush();
        output.Write("\n"u8);
        _json.Reset();
    }

    private void WriteNumber(JsonEncodedText name, int? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    private void WriteTimestamp(JsonEncodedText name, long? unixMs, Span<char> text)
    {
        if (unixMs is { } ms)
        {
            _json.WriteString(name, ExportRow.Timestamp(ms, text));
        }
        else
        {
            _json.WriteNull(name);
        }
    }
}
