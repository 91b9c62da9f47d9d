using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync.Http;
using Cpm.Sdk.Sync.Protocol;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Delivers the outbox oldest first, in batches. Accepted and duplicate events leave the outbox; rejected ones go
/// to dead letters; a batch refused whole with 400 is bisected until the poison events are isolated.
/// </summary>
internal sealed class OutboxPusher(SqliteStore store, ConsentWriter writer, SyncTransport transport, SyncSettings settings, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Pushes until the outbox is empty; returns (delivered, dead-lettered). Throws <see cref="SyncFailure"/>.</summary>
    public async Task<(int Delivered, int DeadLettered)> PushAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int delivered = 0, deadLettered = 0;
            while (true)
            {
                List<ConsentRecord> batch = OutboxReader.Read(store, settings.PushBatchSize);
                if (batch.Count == 0)
                {
                    return (delivered, deadLettered);
                }

                (int d, int r) = await PushAsync(batch, cancellationToken).ConfigureAwait(false);
                delivered += d;
                deadLettered += r;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(int Delivered, int DeadLettered)> PushAsync(List<ConsentRecord> batch, CancellationToken cancellationToken)
    {
        TransportResponse<PushResponse> response = await transport
            .PushAsync(batch.ConvertAll(WireMapping.ToWire), cancellationToken).ConfigureAwait(false);
        switch (response.Outcome)
        {
            case Outcome.Success:
                return await ApplyResultsAsync(batch, response.Body!, cancellationToken).ConfigureAwait(false);
            case Outcome.BadRequest when batch.Count == 1:
                await writer.SubmitAsync(new DeliveryOperation([], [(batch[0].Id, response.Error ?? "400")]), cancellationToken).ConfigureAwait(false);
                Log.DeadLettered(logger, response.Error ?? "400");
                return (0, 1);
            case Outcome.BadRequest:
                int half = batch.Count / 2;
                (int d1, int r1) = await PushAsync(batch[..half], cancellationToken).ConfigureAwait(false);
                (int d2, int r2) = await PushAsync(batch[half..], cancellationToken).ConfigureAwait(false);
                return (d1 + d2, r1 + r2);
            default:
                throw new SyncFailure(response.Outcome, $"push failed: {response.Error}");
        }
    }

    private async Task<(int Delivered, int DeadLettered)> ApplyResultsAsync(List<ConsentRecord> batch, PushResponse body, CancellationToken cancellationToken)
    {
        var results = (body.Results ?? []).Where(r => r.Id is not null).ToDictionary(r => r.Id!, StringComparer.Ordinal);
        var delivered = new List<Guid>(batch.Count);
        var rejected = new List<(Guid, string)>();
        foreach (ConsentRecord record in batch)
        {
            if (!results.TryGetValue(WireNames.Id(record.Id), out PushResult? result))
            {
                continue; // No verdict: it stays in the outbox and goes again (the server de-duplicates).
            }

            switch (result.Status)
            {
                case PushResult.Accepted or PushResult.Duplicate:
                    delivered.Add(record.Id);
                    break;
                case PushResult.Rejected:
                    rejected.Add((record.Id, result.Error ?? "rejected"));
                    Log.DeadLettered(logger, result.Error ?? "rejected");
                    break;
            }
        }

        await writer.SubmitAsync(new DeliveryOperation(delivered, rejected), cancellationToken).ConfigureAwait(false);
        if (delivered.Count + rejected.Count < batch.Count)
        {
            throw new SyncFailure(Outcome.Transient, "the endpoint answered without a result for every event");
        }

        return (delivered.Count, rejected.Count);
    }
}
