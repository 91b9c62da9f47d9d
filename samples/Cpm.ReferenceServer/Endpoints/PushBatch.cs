using System.Text.Json;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// A push body, read in two steps (docs/protocol.md §3): first the batch, whose problems refuse the whole request
/// with 400, then each event on its own, whose problems reject that event alone.
/// </summary>
internal static class PushBatch
{
    private const string EventsField = "events";

    /// <summary>Why the whole body is refused with 400, or <see langword="null"/> with the <c>events</c> array.</summary>
    public static string? Problem(JsonElement root, out JsonElement events)
    {
        events = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "request body must be a JSON object with an 'events' array";
        }

        int count = 0;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.NameEquals(EventsField))
            {
                events = property.Value;
                count++;
            }
        }

        if (count > 1)
        {
            return "request body names 'events' more than once";
        }

        if (count == 0 || events.ValueKind != JsonValueKind.Array)
        {
            return "request body must be a JSON object with an 'events' array";
        }

        int length = events.GetArrayLength();
        return length > WireFormat.MaxBatch ? $"batch holds {length} events; the limit is {WireFormat.MaxBatch}" : null;
    }

    /// <summary>
    /// Checks one event: its structure, the SDK's field rules with the server clock (a grant more than 5 minutes ahead is
    /// rejected, a refusal never is), then the catalog. A valid event gets its canonical wire JSON, the form pulls return.
    /// </summary>
    public static IncomingEvent Prepare(JsonElement element, DateTimeOffset receivedAt, ServerCatalog catalog)
    {
        string? problem = WireEventReader.TryRead(element, out WireEvent? wire, out string? wireId);
        // Any lowercase UUID is looked up, so an id this server already holds answers "duplicate" whatever else is wrong.
        string? key = WireFormat.IsLowercaseUuid(wireId, out _) ? wireId : null;
        ConsentRecord? record = null;
        problem ??= WireRules.TryParse(wire, receivedAt, out record) ?? catalog.Problem(record!.Purpose, record.Channel);
        if (problem is not null || record is null)
        {
            return new IncomingEvent(wireId, key, problem, null);
        }

        // A sender of protocol version 1 may send no salt: the server makes one, and every instance that pulls the event
        // gets it, so all logs but the sender's hold the same leaf.
        byte[] salt = WireFormat.ParseSalt(wire!.Salt) ?? WireFormat.NewSalt();
        WireEvent canonical = WireEvent.FromRecord(record, salt);
        string body = JsonSerializer.Serialize(canonical, ProtocolJson.WireEvent);
        var row = new EventRow(
            key!, record.UserId, record.Purpose, record.Channel, record.OccurredAt.ToUnixTimeMilliseconds(), body, AuditLeaf.Hash(canonical));
        return new IncomingEvent(wireId, key, null, row);
    }
}
