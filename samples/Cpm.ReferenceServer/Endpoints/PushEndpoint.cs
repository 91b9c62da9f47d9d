using System.Text.Json;
using Cpm.ReferenceServer.Hosting;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// <c>POST v1/events</c> (docs/protocol.md §3): refuses a body that is not JSON (415), too large (413) or not a batch
/// (400); otherwise checks each event on its own with the SDK's rules plus the server catalog, stores the valid new
/// ones in one transaction, and answers one result per event in request order. Error bodies carry this server's own
/// short messages, never a parser's.
/// </summary>
internal sealed class PushEndpoint(EventStore store, ServerCatalog catalog, ServerStats stats, TimeProvider clock, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        (JsonDocument? document, int status, string? error) = await PushBody.ReadAsync(context.Request, cancellationToken);
        if (document is null)
        {
            await WireResponses.ErrorAsync(context, status, error!);
            return;
        }

        using (document)
        {
            if (PushBatch.Problem(document.RootElement, out JsonElement events) is { } problem)
            {
                await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, problem);
                return;
            }

            DateTimeOffset now = clock.GetUtcNow();
            var batch = events.EnumerateArray().Select(element => PushBatch.Prepare(element, now, catalog)).ToList();
            List<PushResult> results = await store.AppendAsync(batch, cancellationToken);
            int duplicates = results.Count(r => r.Status == PushResult.Duplicate);
            int rejected = results.Count(r => r.Status == PushResult.Rejected);
            stats.AddDuplicates(duplicates);
            ServerLog.Pushed(logger, results.Count - duplicates - rejected, duplicates, rejected);

            context.Response.StatusCode = StatusCodes.Status200OK;
            await context.Response.WriteAsJsonAsync(
                new PushResponse { Results = results }, ProtocolJson.PushResponse, WireResponses.JsonContentType, cancellationToken);
        }
    }
}
