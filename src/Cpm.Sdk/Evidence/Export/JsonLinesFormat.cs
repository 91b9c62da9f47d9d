using System.Text.Json;
using Cpm.Sdk.Protocol;
using C = Cpm.Sdk.Evidence.Export.ExportColumns;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// JSON Lines: one compact object per record with the wire's camelCase names and timestamps, plus <c>kind</c>,
/// <c>recordedAt</c>, <c>origin</c>, <c>leafHash</c> (hex) and <c>salt</c> (base64) when the store keeps them, so a
/// reader can recompute each leaf from its line (the line holds the user id and evidence in clear already, so the salt
/// exposes nothing more); then the trailer line with the count, whether the export is complete, the store's checkpoint
/// and the endpoint's signed checkpoint the store kept. UTF-8 without a byte order mark, <c>\n</c> after every line,
/// only the escapes JSON requires. Text goes from SQLite's UTF-8 to the output without a string in between.
/// </summary>
internal sealed class JsonLinesFormat(Utf8Buffer output) : IExportFormat, IDisposable
{
    private static readonly JsonEncodedText[] Names = [.. C.Names.Select(name => JsonEncodedText.Encode(name))];
    private static readonly JsonEncodedText SaltName = JsonEncodedText.Encode("salt");
    private static readonly JsonEncodedText SeparateName = JsonEncodedText.Encode(C.SeparateName);

    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance });

    public void Begin()
    {
    }

    public void Row(RawRows row)
    {
        Span<char> text = stackalloc char[64];
        _json.WriteStartObject();
        row.Id(C.Id).TryFormat(text, out int idLength, "D");
        _json.WriteString(Names[C.Id], text[..idLength]);
        _json.WriteString(Names[C.Kind], row.IsNull(C.Kind) ? C.ConsentKind : row.Bytes(C.Kind));
        Text(row, C.UserId);
        Text(row, C.Purpose);
        Text(row, C.Channel);
        if (row.IsNull(C.Choice))
        {
            _json.WriteNull(Names[C.Choice]);
        }
        else
        {
            _json.WriteString(Names[C.Choice], C.ChoiceText(row.Int32(C.Choice)));
        }

        if (row.IsNull(C.PolicyVersion))
        {
            _json.WriteNull(Names[C.PolicyVersion]);
        }
        else
        {
            _json.WriteNumber(Names[C.PolicyVersion], row.Int64(C.PolicyVersion));
        }

        Timestamp(row, C.OccurredAt, text);
        Text(row, C.Source);
        Text(row, C.Jurisdiction);
        Timestamp(row, C.ExpiresAt, text);
        _json.WritePropertyName(Names[C.Evidence]);
        if (row.IsNull(C.Evidence))
        {
            _json.WriteNullValue();
        }
        else
        {
            _json.WriteRawValue(row.Bytes(C.Evidence));
        }

        Text(row, C.Origin);
        Timestamp(row, C.RecordedAt, text);
        if (!row.IsNull(C.LeafHash) && Convert.TryToHexStringLower(row.Bytes(C.LeafHash), text, out int hexLength))
        {
            _json.WriteString(Names[C.LeafHash], text[..hexLength]);
        }

        if (!row.IsNull(C.Salt))
        {
            _json.WriteBase64String(SaltName, row.Bytes(C.Salt));
        }

        if (row.Int32(C.Separate) != 0)
        {
            _json.WriteBoolean(SeparateName, true);
        }

        _json.WriteEndObject();
        EndLine();
    }

    public void End(ExportTrailer trailer)
    {
        _json.WriteStartObject();
        _json.WriteBoolean("trailer", true);
        _json.WriteNumber("count", trailer.Count);
        _json.WriteBoolean("complete", trailer.Complete);
        _json.WriteStartObject("checkpoint");
        _json.WriteString("origin", trailer.Checkpoint.Origin);
        _json.WriteNumber("size", trailer.Checkpoint.Size);
        _json.WriteBase64String("rootHash", trailer.Checkpoint.RootHash);
        _json.WriteEndObject();
        if (trailer.Server is { } server)
        {
            // The body of GET v1/checkpoint exactly as served and verified, so its signature can be checked again.
            _json.WriteStartObject("serverCheckpoint");
            _json.WriteString("checkpoint", server.Text);
            _json.WriteString("signature", server.Signature);
            _json.WriteString("keyId", server.KeyId);
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteNull("serverCheckpoint");
        }

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

    private void Text(RawRows row, int column)
    {
        if (row.IsNull(column))
        {
            _json.WriteNull(Names[column]);
        }
        else
        {
            _json.WriteString(Names[column], row.Bytes(column));
        }
    }

    private void Timestamp(RawRows row, int column, Span<char> text)
    {
        if (row.IsNull(column))
        {
            _json.WriteNull(Names[column]);
        }
        else
        {
            _json.WriteString(Names[column], C.Timestamp(row.Int64(column), text));
        }
    }
}
