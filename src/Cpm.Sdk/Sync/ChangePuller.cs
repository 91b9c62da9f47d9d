using System.Text.Json;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Pulls changes after the saved cursor and merges them through the single writer, which de-duplicates by id,
/// applies the latest-action rule, parks what cannot be merged, saves the new cursor in the same transaction, and
/// updates the gate at commit. A pulled event is another touchpoint's fact: it is never refused for its time, and
/// never skipped. A page that breaks the protocol is not merged at all, and an empty page writes nothing.
/// </summary>
internal sealed class ChangePuller(ConsentWriter writer, SyncTransport transport, TimeProvider clock, ILogger logger, string cursor)
{
    public const int PageSize = WireFormat.MaxBatch;

    /// <summary>The longest cursor kept: it is stored and sent back in every pull's query string.</summary>
    public const int MaxCursorLength = 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _cursor = cursor;

    /// <summary>
    /// One pull; <paramref name="wait"/> &gt; 0 makes it a long poll. Returns what the page changed here, how many
    /// events came (own pushes echoed back count), and whether more are ready. Throws <see cref="SyncFailure"/>.
    /// </summary>
    public async Task<PullPage> PullOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TransportResponse<PulledPage> response = await transport.PullAsync(_cursor, PageSize, wait, cancellationToken).ConfigureAwait(false);
            if (response.Outcome == Outcome.BadRequest && _cursor.Length > 0)
            {
                Log.CursorReset(logger, response.Error ?? "400");
                _cursor = "";
                response = await transport.PullAsync(_cursor, PageSize, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }

            if (response.Outcome != Outcome.Success)
            {
                throw response.Failure("pull");
            }

            PulledPage body = response.Body!;
            List<JsonElement> received = body.Events ?? [];
            if (Problem(body, received.Count, _cursor) is { } problem)
            {
                throw new SyncFailure(Outcome.Protocol, $"pull answer breaks the protocol: {problem}");
            }

            if (received.Count == 0 && body.Cursor == _cursor)
            {
                return new PullPage(0, 0, 0, HasMore: false); // nothing changed: nothing to write
            }

            (List<StoredEvent> events, List<ParkedEvent> parked) = Parse(received);
            MergeResult merged = await writer.SubmitAsync(new MergeOperation(events, parked, body.Cursor!), cancellationToken).ConfigureAwait(false);
            _cursor = body.Cursor!;
            DateTimeOffset mergedAt = clock.GetUtcNow();
            foreach (DateTimeOffset occurredAt in merged.AddedOccurredAt)
            {
                CpmMetrics.Propagated(occurredAt, mergedAt);
            }

            foreach (ParkedEvent item in parked)
            {
                // The reason may quote a field the endpoint sent (an invalid purpose, say): only a well-formed id is logged.
                Log.ParkedPulledEvent(logger, Guid.TryParseExact(item.Id, "D", out Guid id) ? WireFormat.FormatId(id) : "(no valid id)");
            }

            return new PullPage(merged.Added, received.Count, merged.Parked, body.HasMore);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Pulls without waiting until the endpoint has nothing more; returns how many events were new here and how many were parked.</summary>
    public async Task<(int Merged, int Parked)> PullAllAsync(CancellationToken cancellationToken)
    {
        int merged = 0, parked = 0;
        bool hasMore = true;
        while (hasMore)
        {
            PullPage page = await PullOnceAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            merged += page.Merged;
            parked += page.Parked;
            hasMore = page.HasMore;
        }

        return (merged, parked);
    }

    /// <summary>Why a page breaks the protocol (§4), or <see langword="null"/>: it must move on whenever it says more is ready.</summary>
    private static string? Problem(PulledPage body, int count, string previous) =>
        body.Cursor is null ? "the answer has no cursor"
        : body.Cursor.Length > MaxCursorLength ? $"the cursor is longer than {MaxCursorLength} characters"
        : body.HasMore && count == 0 ? "hasMore is true but the page is empty"
        : body.HasMore && body.Cursor == previous ? "hasMore is true but the cursor did not advance"
        : null;

    /// <summary>Reads each event on its own: a sound one becomes a stored event, a broken or invalid one is parked with its JSON.</summary>
    private static (List<StoredEvent> Events, List<ParkedEvent> Parked) Parse(List<JsonElement> wire)
    {
        var events = new List<StoredEvent>(wire.Count);
        var parked = new List<ParkedEvent>();
        foreach (JsonElement element in wire)
        {
            StoredEvent? parsed = null;
            string? problem = WireEventReader.TryRead(element, out WireEvent? item, out string? id)
                ?? WireMapping.TryParse(item, receivedAt: null, out parsed);
            if (problem is not null)
            {
                parked.Add(new ParkedEvent(id is { Length: <= 64 } ? id : null, element.GetRawText(), ServerText.Clean(problem)));
                continue;
            }

            _ = parsed!.LeafHash; // hashed on the puller's thread, not on the single writer's
            events.Add(parsed);
        }

        return (events, parked);
    }
}

/// <summary>What one pulled page changed: events new here, events received, events parked, and whether more are ready.</summary>
internal readonly record struct PullPage(int Merged, int Received, int Parked, bool HasMore);
