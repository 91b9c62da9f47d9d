using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Delivers the outbox oldest first, in batches. Accepted and duplicate events leave the outbox; rejected ones go
/// to dead letters. A batch refused whole with 400 or 413 is halved until the refused events are isolated, but a 400
/// that is not about single events (a proxy's page, a batch-level error) dead-letters nothing: when a single event is
/// refused before any part of the batch went through, its neighbour is tried alone, and if it is refused with the same
/// error the batch fails as a whole (<see cref="Outcome.Permanent"/>) and stays queued. An event settled in a round
/// (dead-lettered, or probed) is never sent again in that round.
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
                List<StoredEvent> batch = OutboxReader.Read(store, settings.PushBatchSize);
                if (batch.Count == 0)
                {
                    return (delivered, deadLettered);
                }

                var round = new Round(batch);
                await PushAsync(batch, round, cancellationToken).ConfigureAwait(false);
                delivered += round.Delivered;
                deadLettered += round.DeadLettered;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PushAsync(List<StoredEvent> part, Round round, CancellationToken cancellationToken)
    {
        part = part.FindAll(record => !round.Resolved.Contains(record.Id));
        if (part.Count == 0)
        {
            return;
        }

        TransportResponse<PushResponse> response = await SendAsync(part, cancellationToken).ConfigureAwait(false);
        switch (response.Outcome)
        {
            case Outcome.Success:
                await ApplyResultsAsync(part, response.Body!, round, cancellationToken).ConfigureAwait(false);
                return;
            case Outcome.BadRequest or Outcome.TooLarge when part.Count > 1:
                int half = part.Count / 2;
                await PushAsync(part[..half], round, cancellationToken).ConfigureAwait(false);
                await PushAsync(part[half..], round, cancellationToken).ConfigureAwait(false);
                return;
            case Outcome.TooLarge:
                // Stryker disable once String : equivalent. An error answer always carries its Error text (TransportResponse); the fallback is never read.
                await DeadLetterAsync(part[0].Id, response.Error ?? "413", round, cancellationToken).ConfigureAwait(false);
                return;
            case Outcome.BadRequest:
                await RefusedAloneAsync(part[0], response, round, cancellationToken).ConfigureAwait(false);
                return;
            default:
                throw response.Failure("push");
        }
    }

    /// <summary>One event refused with 400: a poison event, or a refusal of every batch? Its neighbour decides.</summary>
    private async Task RefusedAloneAsync(StoredEvent record, TransportResponse<PushResponse> refusal, Round round, CancellationToken cancellationToken)
    {
        // Stryker disable once String : equivalent. An error answer always carries its Error text (TransportResponse); the fallback is never read.
        string error = refusal.Error ?? "400";
        if (!round.JudgesSingleEvents)
        {
            if (round.Neighbour(record) is not { } neighbour)
            {
                throw BatchLevel(error);
            }

            TransportResponse<PushResponse> probe = await SendAsync([neighbour], cancellationToken).ConfigureAwait(false);
            round.Resolved.Add(neighbour.Id);
            switch (probe.Outcome)
            {
                case Outcome.Success:
                    await ApplyResultsAsync([neighbour], probe.Body!, round, cancellationToken).ConfigureAwait(false);
                    break;
                case Outcome.BadRequest when probe.Error == refusal.Error:
                    throw BatchLevel(error);
                case Outcome.BadRequest or Outcome.TooLarge:
                    // Stryker disable once String : equivalent. An error answer always carries its Error text (TransportResponse); the fallback is never read.
                    await DeadLetterAsync(neighbour.Id, probe.Error ?? "400", round, cancellationToken).ConfigureAwait(false);
                    round.JudgesSingleEvents = true;
                    break;
                default:
                    // Stryker disable once Statement : equivalent. The throw below ends the round, and the round's set of settled events goes with it.
                    round.Resolved.Remove(neighbour.Id);
                    throw probe.Failure("push");
            }
        }

        await DeadLetterAsync(record.Id, error, round, cancellationToken).ConfigureAwait(false);
    }

    private static SyncFailure BatchLevel(string error) =>
        new(Outcome.Permanent, $"push refused ({error}) for the batch, not for single events; nothing was dead-lettered");

    private Task<TransportResponse<PushResponse>> SendAsync(List<StoredEvent> part, CancellationToken cancellationToken) =>
        transport.PushAsync(part.ConvertAll(WireMapping.ToWire), cancellationToken);

    private async Task DeadLetterAsync(Guid id, string reason, Round round, CancellationToken cancellationToken)
    {
        await writer.SubmitAsync(new DeliveryOperation([], [(id, reason)]), cancellationToken).ConfigureAwait(false);
        round.Resolved.Add(id);
        round.DeadLettered++;
        Log.DeadLettered(logger, reason);
    }

    private async Task ApplyResultsAsync(List<StoredEvent> part, PushResponse body, Round round, CancellationToken cancellationToken)
    {
        if (PushResults.Problem(part.ConvertAll(r => WireFormat.FormatId(r.Id)), body) is { } problem)
        {
            throw new SyncFailure(Outcome.Protocol, $"push answer breaks the protocol: {problem}");
        }

        var delivered = new List<Guid>(part.Count);
        var rejected = new List<(Guid, string)>();
        for (int i = 0; i < part.Count; i++)
        {
            PushResult result = body.Results![i];
            if (result.Status == PushResult.Rejected)
            {
                string reason = ServerText.Clean(result.Error) is { Length: > 0 } error ? error : "rejected";
                rejected.Add((part[i].Id, reason));
                Log.DeadLettered(logger, reason);
            }
            else
            {
                delivered.Add(part[i].Id);
            }
        }

        await writer.SubmitAsync(new DeliveryOperation(delivered, rejected), cancellationToken).ConfigureAwait(false);
        round.JudgesSingleEvents = true;
        round.Delivered += delivered.Count;
        round.DeadLettered += rejected.Count;
    }

    /// <summary>One batch from the outbox on its way: what went through, and the events already settled (probed or dead-lettered).</summary>
    private sealed class Round(List<StoredEvent> batch)
    {
        public HashSet<Guid> Resolved { get; } = [];

        /// <summary>
        /// Whether the endpoint has shown that it judges events one by one: part of the batch went through, or two
        /// events alone were refused for different reasons. From then on, an event refused alone is a poison event.
        /// </summary>
        public bool JudgesSingleEvents { get; set; }

        public int Delivered { get; set; }

        public int DeadLettered { get; set; }

        /// <summary>The nearest other event of the batch not settled yet, after <paramref name="record"/> first.</summary>
        public StoredEvent? Neighbour(StoredEvent record)
        {
            int at = batch.FindIndex(r => r.Id == record.Id);
            for (int distance = 1; distance < batch.Count; distance++)
            {
                foreach (int i in (ReadOnlySpan<int>)[at + distance, at - distance])
                {
                    if (i >= 0 && i < batch.Count && !Resolved.Contains(batch[i].Id))
                    {
                        return batch[i];
                    }
                }
            }

            return null;
        }
    }
}
