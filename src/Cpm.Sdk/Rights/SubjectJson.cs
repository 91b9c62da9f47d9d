using System.Text.Json;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Rights;

/// <summary>
/// A person's data as one JSON document (portability): what <see cref="IDataSubjectRights.AccessAsync"/> returns, with
/// times, ids, choices and kinds spelled as the wire spells them, so another system can read it without this SDK.
/// </summary>
internal static class SubjectJson
{
    public static async Task WriteAsync(SubjectData data, Stream destination, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("userId", data.UserId);
        json.WriteString("servedAt", WireFormat.FormatTimestamp(data.ServedAt));
        WriteOptional(json, "jurisdiction", data.Jurisdiction);
        WriteOptional(json, "erasedAt", WireFormat.FormatTimestamp(data.ErasedAt));
        json.WriteStartArray("aliases");
        foreach (string alias in data.Aliases)
        {
            json.WriteStringValue(alias);
        }

        json.WriteEndArray();
        json.WriteStartArray("records");
        foreach (ConsentRecord record in data.Records)
        {
            WriteRecord(json, record);
        }

        json.WriteEndArray();
        json.WriteStartArray("decisions");
        foreach (SubjectDecision decision in data.Decisions)
        {
            json.WriteStartObject();
            json.WriteString("purpose", decision.Purpose);
            json.WriteString("channel", decision.Channel);
            json.WriteBoolean("allowed", decision.Decision.IsAllowed);
            json.WriteString("reason", decision.Decision.Reason.ToString());
            WriteOptional(json, "recordId", decision.Decision.RecordId is { } id ? WireFormat.FormatId(id) : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteRecord(Utf8JsonWriter json, ConsentRecord record)
    {
        json.WriteStartObject();
        json.WriteString("id", WireFormat.FormatId(record.Id));
        json.WriteString("kind", WireFormat.FormatKind(record.Kind));
        if (record.Kind == EventKind.Consent)
        {
            json.WriteString("purpose", record.Purpose);
            json.WriteString("channel", record.Channel);
            json.WriteString("choice", WireFormat.FormatChoice(Enum.IsDefined(record.Choice) ? record.Choice : ConsentChoice.Withdrawn));
            json.WriteNumber("policyVersion", record.PolicyVersion);
            WriteOptional(json, "jurisdiction", record.Jurisdiction);
            WriteOptional(json, "expiresAt", WireFormat.FormatTimestamp(record.ExpiresAt));
            if (record.Separate)
            {
                json.WriteBoolean("separate", true);
            }

            if (record.Frequency is { } frequency)
            {
                json.WriteStartObject("frequency");
                json.WriteNumber("maxSends", frequency.MaxSends);
                json.WriteString("period", WireFormat.FormatPeriod(frequency.Period));
                json.WriteEndObject();
            }
        }

        WriteOptional(json, "alias", record.Alias);
        json.WriteString("occurredAt", WireFormat.FormatTimestamp(record.OccurredAt));
        json.WriteString("recordedAt", WireFormat.FormatTimestamp(record.RecordedAt));
        json.WriteString("source", record.Source);
        json.WriteString("origin", record.Origin);
        if (record.Evidence is { } evidence)
        {
            json.WriteStartObject("evidence");
            foreach (KeyValuePair<string, string> pair in evidence.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(pair.Key, pair.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
