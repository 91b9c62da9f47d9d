using System.Text.Json;
using Cpm.ReferenceServer.Hosting;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// <c>POST v1/events</c>: validates each event with the SDK's own rules plus the server catalog, stores the valid new
/// ones in one transaction, and answers one result per event in request order (docs/protocol.md §3).
/// </summary>
internal sealed class PushEndpoint(EventStore store, ServerCatalog catalog, ServerStats stats, TimeProvider clock, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        PushRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ProtocolJson.Default.PushRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"request body is not a valid push request: {ex.Message}");
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WireResponses.ErrorAsync(context, ex.StatusCode, $"request body refused: {ex.Message}");
            return;
        }

        if (BatchProblem(request?.Events) is { } problem)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        DateTimeOffset now = clock.GetUtcNow();
        var batch = request!.Events!.Select(wire => Prepare(wire, now)).ToList();
        List<PushResult> results = await store.AppendAsync(batch, cancellationToken);
        int duplicates = results.Count(r => r.Status == PushResult.Duplicate);
        int rejected = results.Count(r => r.Status == PushResult.Rejected);
        stats.AddDuplicates(duplicates);
        ServerLog.Pushed(logger, results.Count - duplicates - rejected, duplicates, rejected);

        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(
            new PushResponse { Results = results }, ProtocolJson.Default.PushResponse, WireResponses.JsonContentType, cancellationToken);
    }

    /// <summary>Why the whole batch is refused with 400, or <see langword="null"/>.</summary>
    private static string? BatchProblem(List<WireEvent>? events)
    {
        if (events is null)
        {
            return "request body must be an object with an 'events' array";
        }

        if (events.Count > WireNames.MaxBatch)
        {
            return $"batch holds {events.Count} events; the limit is {WireNames.MaxBatch}";
        }

        int nullAt = events.IndexOf(null!);
        return nullAt >= 0 ? $"event {nullAt} is null" : null;
    }

    /// <summary>Validates one event; a valid one is turned into its canonical wire JSON, the form pulls return.</summary>
    private IncomingEvent Prepare(WireEvent wire, DateTimeOffset now)
    {
        string? key = Guid.TryParseExact(wire.Id, "D", out Guid id) && wire.Id == WireNames.Id(id) ? wire.Id : null;
        string? error = WireMapping.TryParse(wire, now, out StoredEvent? parsed) ?? catalog.Problem(wire.Purpose!, wire.Channel!);
        if (error is not null)
        {
            return new IncomingEvent(wire.Id, key, error, null);
        }

        Sdk.ConsentRecord record = parsed!.Record;
        string body = JsonSerializer.Serialize(WireMapping.ToWire(record), ProtocolJson.Default.WireEvent);
        var row = new EventRow(key!, record.UserId, record.Purpose, record.Channel, record.OccurredAt.ToUnixTimeMilliseconds(), body);
        return new IncomingEvent(wire.Id, key, null, row);
    }
}
