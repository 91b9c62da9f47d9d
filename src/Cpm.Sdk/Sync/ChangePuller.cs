using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync.Http;
using Cpm.Sdk.Sync.Protocol;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Pulls changes after the saved cursor and merges them through the single writer, which de-duplicates by id,
/// applies the latest-action rule, saves the new cursor in the same transaction, and updates the gate at commit.
/// </summary>
internal sealed class ChangePuller(ConsentWriter writer, SyncTransport transport, TimeProvider clock, ILogger logger, string cursor)
{
    public const int PageSize = WireNames.MaxBatch;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _cursor = cursor;

    /// <summary>
    /// One pull; <paramref name="wait"/> &gt; 0 makes it a long poll. Returns how many events were new here, how many
    /// came (own pushes echoed back count), and whether more are ready. Throws <see cref="SyncFailure"/>.
    /// </summary>
    public async Task<(int Merged, int Received, bool HasMore)> PullOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TransportResponse<PullResponse> response = await transport.PullAsync(_cursor, PageSize, wait, cancellationToken).ConfigureAwait(false);
            if (response.Outcome == Outcome.BadRequest && _cursor.Length > 0)
            {
                Log.CursorReset(logger, response.Error ?? "400");
                _cursor = "";
                response = await transport.PullAsync(_cursor, PageSize, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }

            if (response.Outcome != Outcome.Success)
            {
                throw new SyncFailure(response.Outcome, $"pull failed: {response.Error}");
            }

            PullResponse body = response.Body!;
            string next = body.Cursor ?? _cursor;
            List<StoredEvent> events = Parse(body.Events);
            int merged = await writer.SubmitAsync(new MergeOperation(events, next), cancellationToken).ConfigureAwait(false);
            _cursor = next;
            return (merged, body.Events?.Count ?? 0, body.HasMore);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Pulls without waiting until the endpoint has nothing more; returns how many events were new.</summary>
    public async Task<int> PullAllAsync(CancellationToken cancellationToken)
    {
        int merged = 0;
        bool hasMore = true;
        while (hasMore)
        {
            (int added, _, hasMore) = await PullOnceAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            merged += added;
        }

        return merged;
    }

    private List<StoredEvent> Parse(List<WireEvent>? wire)
    {
        var events = new List<StoredEvent>(wire?.Count ?? 0);
        DateTimeOffset now = clock.GetUtcNow();
        foreach (WireEvent item in wire ?? [])
        {
            if (WireMapping.TryParse(item, receivedAt: null, out StoredEvent? parsed) is { } problem)
            {
                Log.InvalidPulledEvent(logger, problem);
                continue;
            }

            events.Add(parsed!);
        }

        return events;
    }
}
