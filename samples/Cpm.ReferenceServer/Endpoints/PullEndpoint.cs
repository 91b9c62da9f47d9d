using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cpm.ReferenceServer.Hosting;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// <c>GET v1/events?after=&amp;limit=&amp;wait=</c>: events in server order after the cursor (docs/protocol.md §4), each
/// with its <c>seq</c>, its leaf index in the server's log (§9).
/// With nothing to return and <c>wait</c> &gt; 0 it holds the request until a commit signals or the wait runs out;
/// it never polls the database in a loop. Waits run on real time even when the options carry a fake clock.
/// </summary>
internal sealed class PullEndpoint(EventStore store, CommitSignal commits, CancellationToken stopping, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        IQueryCollection query = context.Request.Query;
        if (!Cursor.TryParse(query["after"], out long after))
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "cursor is not one this server issued; restart from the empty cursor");
            return;
        }

        if (!TryParseInt(query["limit"], WireFormat.MaxBatch, 1, WireFormat.MaxBatch, out int limit)
            || !TryParseInt(query["wait"], 0, 0, WireFormat.MaxWaitSeconds, out int wait))
        {
            await WireResponses.ErrorAsync(
                context, StatusCodes.Status400BadRequest, $"limit must be 1 to {WireFormat.MaxBatch} and wait 0 to {WireFormat.MaxWaitSeconds}");
            return;
        }

        long started = Stopwatch.GetTimestamp();
        EventPage? page = await ReadOrWaitAsync(after, limit, TimeSpan.FromSeconds(wait), context.RequestAborted);
        if (page is null)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"cursor {after} is ahead of this server's last event; restart from the empty cursor");
            return;
        }

        ServerLog.Pulled(logger, after, page.Events.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var response = new PullResponse
        {
            Events = [.. page.Events.Select(e => WithSeq(e.Sequence, e.Body))],
            Cursor = Cursor.Format(page.Events.Count > 0 ? page.Events[^1].Sequence : after),
            HasMore = page.HasMore,
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(response, ProtocolJson.PullResponse, WireResponses.JsonContentType, context.RequestAborted);
    }

    /// <summary>Reads a page; when it is empty, waits for commits until one brings events or the wait ends.</summary>
    /// <returns>The page (possibly empty), or <see langword="null"/> when the cursor is beyond the last event.</returns>
    private async Task<EventPage?> ReadOrWaitAsync(long after, int limit, TimeSpan wait, CancellationToken aborted)
    {
        TimeProvider clock = TimeProvider.System;
        long deadline = clock.GetTimestamp() + (long)(wait.TotalSeconds * clock.TimestampFrequency);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        while (true)
        {
            Task committed = commits.Next;   // taken before the read, so a commit in between still wakes us
            EventPage page = store.ReadAfter(after, limit);
            if (page.Events.Count > 0)
            {
                return page;
            }

            if (after > 0 && store.LastSequence() < after)
            {
                return null;
            }

            TimeSpan remaining = clock.GetElapsedTime(clock.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || linked.IsCancellationRequested)
            {
                return page;
            }

            try
            {
                await committed.WaitAsync(remaining, clock, linked.Token);
            }
            catch (TimeoutException)
            {
                return page;
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                return page;   // the client left or the server is stopping: an empty answer is still a valid one
            }
        }
    }

    /// <summary>A stored event as pulled: its stored body, plus <c>seq</c>, its leaf index in the log (sequence − 1).</summary>
    private static WireEvent WithSeq(long sequence, string body)
    {
        WireEvent wire = JsonSerializer.Deserialize(body, ProtocolJson.WireEvent)!;
        wire.Seq = sequence - 1;
        return wire;
    }

    private static bool TryParseInt(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
