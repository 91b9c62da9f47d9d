using System.Text.Json;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk;
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
    /// Checks one event: its structure, the SDK's field rules for its kind with the server clock (a grant or a link more
    /// than 5 minutes ahead is rejected, a refusal, an unlink or an erasure never is), then, for a consent event, the
    /// catalog. A valid event gets its canonical wire JSON, the form pulls return.
    /// </summary>
    public static IncomingEvent Prepare(JsonElement element, DateTimeOffset receivedAt, ServerCatalog catalog)
    {
        string? problem = WireEventReader.TryRead(element, out WireEvent? wire, out string? wireId);
        // Any lowercase UUID is looked up, so an id this server already holds answers "duplicate" whatever else is wrong.
        string? key = WireFormat.IsLowercaseUuid(wireId, out _) ? wireId : null;
        ConsentRecord? record = null;
        problem ??= WireRules.TryParse(wire, receivedAt, out record)
            ?? (record!.Kind == EventKind.Consent ? catalog.Problem(record.Purpose, record.Channel) : null);
        if (problem is not null || record is null)
        {
            return new IncomingEvent(wireId, key, problem, null);
        }

        WireEvent canonical = CanonicalEvent.Of(wire!, record);
        return new IncomingEvent(wireId, key, null, EventRow.Of(key!, canonical, record.OccurredAt.ToUnixTimeMilliseconds()));
    }
}
