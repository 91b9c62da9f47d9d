using System.Text.Json;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Requeues dead letters through the single writer: rejected events back to the outbox untouched (the push loop wakes
/// as for a capture), and parked events that now pass validation merged like a pull. Parked events that still fail
/// stay parked.
/// </summary>
internal static class DeadLetterQueue
{
    public static async Task<int> RequeueAsync(
        SqliteStore store, ConsentWriter writer, SyncStatusTracker status, ILogger logger, IEnumerable<Guid>? eventIds, CancellationToken cancellationToken)
    {
        HashSet<Guid>? only = eventIds is null ? null : [.. eventIds];
        if (only is { Count: 0 })
        {
            return 0;
        }

        (List<Guid> rejected, List<DeadLetterReader.ParkedRow> parked) = await Task.Run(
            () => DeadLetterReader.ReadForRequeue(store, only, cancellationToken), cancellationToken).ConfigureAwait(false);
        var mergeable = new List<(long Seq, StoredEvent Event)>();
        foreach (DeadLetterReader.ParkedRow row in parked)
        {
            if (WireMapping.TryParse(Deserialize(row.Body), null, out StoredEvent? parsed) is null)
            {
                mergeable.Add((row.Seq, parsed!));
            }
        }

        if (rejected.Count == 0 && mergeable.Count == 0)
        {
            return 0;
        }

        RequeueResult result = await writer.SubmitAsync(new RequeueOperation(rejected, mergeable), cancellationToken).ConfigureAwait(false);
        status.AddParked(-result.Merged);
        Log.Requeued(logger, result.Requeued, result.Merged);
        return result.Requeued + result.Merged;
    }

    private static WireEvent? Deserialize(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ProtocolJson.WireEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
