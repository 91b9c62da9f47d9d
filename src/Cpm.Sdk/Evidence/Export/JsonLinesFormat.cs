using System.Text.Json;
using Cpm.Sdk.Protocol;
using C = Cpm.Sdk.Evidence.Export.ExportColumns;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// JSON Lines: one compact object per record with the wire's camelCase names and timestamps, plus <c>kind</c>,
/// <c>recordedAt</c>, <c>origin</c>, <c>leafHash</c> (hex) and <c>salt</c> (base64) when the store keeps them, so a
/// reader can recompute each leaf from its line (the line holds the user id and evidence in clear already, so the salt
/// exposes nothing more). Each kind has the wire's members (docs/protocol.md §2): a consent choice its purpose,
/// channel, choice, notice version, jurisdiction and expiry; a link or unlink its <c>alias</c>; an erasure its
/// <c>subjectHash</c> and no user id; a grant with a frequency its <c>frequency</c> object. A scrubbed record (its person erased) is written in its scrubbed form: no user id,
/// evidence, alias or salt, but <c>"scrubbed":true</c> and the commitments its leaf holds (<c>subject</c>,
/// <c>evidenceCommitment</c>, <c>aliasCommitment</c>), from which its leaf is rebuilt. Then the trailer line with the count, whether the export is complete, the store's checkpoint
/// and the endpoint's signed checkpoint the store kept. UTF-8 without a byte order mark, <c>\n</c> after every line,
/// only the escapes JSON requires. Text goes from SQLite's UTF-8 to the output without a string in between.
/// </summary>
internal sealed class JsonLinesFormat(Utf8Buffer output) : IExportFormat, IDisposable
{
    private static readonly JsonEncodedText[] Names = [.. C.Names.Select(name => JsonEncodedText.Encode(name))];
    private static readonly JsonEncodedText SaltName = JsonEncodedText.Encode("salt");
    private static readonly JsonEncodedText SeparateName = JsonEncodedText.Encode(C.SeparateName);
    private static readonly JsonEncodedText FrequencyName = JsonEncodedText.Encode("frequency");
    private static readonly JsonEncodedText MaxSendsName = JsonEncodedText.Encode("maxSends");
    private static readonly JsonEncodedText PeriodName = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText[] KindNamesEncoded = [.. C.KindNames.Select(name => JsonEncodedText.Encode(name))];

    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance });

    public void Begin()
    {
    }

    public void Row(RawRows row)
    {
        Span<char> text = stackalloc char[64];
        bool consent = C.IsConsent(row);
        bool scrubbed = C.IsScrubbed(row);
        _json.WriteStartObject();
        row.Id(C.Id).TryFormat(text, out int idLength, "D");
        _json.WriteString(Names[C.Id], text[..idLength]);
        _json.WriteString(Names[C.Kind], row.IsNull(C.Kind) ? C.ConsentKind : row.Bytes(C.Kind));
        UserId(row);
        if (consent)
        {
            Choice(row, text);
        }
        else
        {
            // Other kinds have members of their own, as on the wire, and none of a choice's.
            Optional(row, C.Alias);
            Optional(row, C.SubjectHash);
            Timestamp(row, C.OccurredAt, text);
            Text(row, C.Source);
        }

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

        if (consent && row.Int32(C.Separate) != 0)
        {
            _json.WriteBoolean(SeparateName, true);
        }

        if (consent && !row.IsNull(C.FrequencyMax) && !row.IsNull(C.FrequencyPeriod))
        {
            _json.WriteStartObject(FrequencyName);
            _json.WriteNumber(MaxSendsName, row.Int64(C.FrequencyMax));
            _json.WriteString(PeriodName, row.Bytes(C.FrequencyPeriod));
            _json.WriteEndObject();
        }

        if (scrubbed)
        {
            // The scrubbed form, as the wire carries it: the commitments its leaf holds stand for the erased fields.
            _json.WriteBoolean(KindNamesEncoded[C.Scrubbed - C.Alias], true);
            Optional(row, C.SubjectCommitment);
            Optional(row, C.EvidenceCommitment);
            Optional(row, C.AliasCommitment);
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

    /// <summary>The person, or <c>null</c> when the row names none (scrubbed, an erasure, an unlink of an alias whose person was unknown).</summary>
    private void UserId(RawRows row)
    {
        if (row.IsNull(C.UserId) || row.Bytes(C.UserId).IsEmpty)
        {
            _json.WriteNull(Names[C.UserId]);
        }
        else
        {
            _json.WriteString(Names[C.UserId], row.Bytes(C.UserId));
        }
    }

    /// <summary>A consent choice's members, in the order the first exports had them.</summary>
    private void Choice(RawRows row, Span<char> text)
    {
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
    }

    /// <summary>One of the columns from <see cref="C.Alias"/> on, written only when it holds a value.</summary>
    private void Optional(RawRows row, int column)
    {
        if (!row.IsNull(column))
        {
            _json.WriteString(KindNamesEncoded[column - C.Alias], row.Bytes(column));
        }
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
