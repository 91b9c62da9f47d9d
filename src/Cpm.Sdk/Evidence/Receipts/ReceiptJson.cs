using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>
/// Writes a <see cref="ConsentReceipt"/> as JSON with the ISO/IEC TS 27560 field names (snake_case), the wire's
/// timestamps, ISO 8601 durations, the leaf hash in hex and the leaf bytes, roots and proofs in base64.
/// </summary>
internal static class ReceiptJson
{
    public static string Write(ConsentReceipt receipt, bool indented)
    {
        var output = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance, Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("schema_version", receipt.SchemaVersion);
            json.WriteString("record_id", WireFormat.FormatId(receipt.RecordId));
            json.WriteString("kind", WireFormat.FormatKind(receipt.Kind));
            json.WriteString("pii_principal_id", receipt.PiiPrincipalId);
            if (receipt.PrivacyNotice is { } notice)
            {
                json.WriteNumber("privacy_notice", notice);
            }
            else
            {
                json.WriteNull("privacy_notice");
            }

            json.WriteString("language", receipt.Language);
            json.WriteStartArray("purposes");
            foreach (string purpose in receipt.Purposes)
            {
                json.WriteStringValue(purpose);
            }

            json.WriteEndArray();
            json.WriteString("channel", receipt.Channel);
            json.WriteString("alias", receipt.Alias);
            json.WriteString("subject_hash", receipt.SubjectHash);
            json.WriteString("lawful_basis", receipt.LawfulBasis);
            json.WriteString("jurisdiction", receipt.Jurisdiction);
            if (receipt.Frequency is { } frequency)
            {
                json.WriteStartObject("frequency");
                json.WriteNumber("max_sends", frequency.MaxSends);
                json.WriteString("period", WireFormat.FormatPeriod(frequency.Period));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("frequency");
            }

            json.WriteString("collection_method", receipt.CollectionMethod);
            json.WriteString("event_time", WireFormat.FormatTimestamp(receipt.EventTime));
            json.WriteString("event_type", receipt.EventType);
            json.WriteString("event_state", receipt.EventState);
            json.WriteString("validity_duration", receipt.ValidityDuration is { } validity ? XmlConvert.ToString(validity) : null);
            WriteControllers(json, receipt.PiiControllers);
            json.WriteString("record_time", WireFormat.FormatTimestamp(receipt.RecordedAt));
            json.WriteString("origin", receipt.Origin);
            json.WriteString("leaf_hash", receipt.LeafHash is { } hash ? Convert.ToHexStringLower(hash) : null);
            WriteBase64OrNull(json, "leaf_bytes", receipt.LeafBytes);
            WriteProof(json, "store_proof", receipt.StoreProof);
            WriteProof(json, "server_proof", receipt.ServerProof);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteControllers(Utf8JsonWriter json, IReadOnlyList<DataController> controllers)
    {
        json.WriteStartArray("pii_controllers");
        foreach (DataController controller in controllers)
        {
            json.WriteStartObject();
            json.WriteString("name", controller.Name);
            json.WriteString("contact", controller.Contact);
            json.WriteString("address", controller.Address);
            json.WriteString("email", controller.Email);
            json.WriteString("phone", controller.Phone);
            json.WriteString("url", controller.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteProof(Utf8JsonWriter json, string name, ReceiptProof? proof)
    {
        if (proof is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("origin", proof.Checkpoint.Origin);
        json.WriteNumber("tree_size", proof.Checkpoint.Size);
        json.WriteBase64String("root_hash", proof.Checkpoint.RootHash);
        json.WriteNumber("leaf_index", proof.LeafIndex);
        json.WriteStartArray("inclusion_proof");
        foreach (byte[] hash in proof.Proof)
        {
            json.WriteBase64StringValue(hash);
        }

        json.WriteEndArray();
        if (proof.SignedCheckpoint is not null)
        {
            json.WriteString("checkpoint", proof.SignedCheckpoint);
            json.WriteString("signature", proof.Signature);
            json.WriteString("key_id", proof.KeyId);
        }

        json.WriteEndObject();
    }

    private static void WriteBase64OrNull(Utf8JsonWriter json, string name, byte[]? bytes)
    {
        if (bytes is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteBase64String(name, bytes);
        }
    }
}
