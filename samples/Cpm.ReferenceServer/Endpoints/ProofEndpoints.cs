using System.Globalization;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// <c>GET v1/proofs/consistency?from=&amp;to=</c> and <c>GET v1/proofs/inclusion?id=&amp;size=</c> (docs/protocol.md §9):
/// proofs against any size up to the log's committed one. A parameter that is missing, malformed or beyond the log
/// gets 400; an id the server does not hold gets 404.
/// </summary>
internal sealed class ProofEndpoints(EventStore store, LogProofs proofs)
{
    public async Task ConsistencyAsync(HttpContext context)
    {
        long size = store.Head.Size;
        if (!TryParseSize(context.Request.Query["from"], out long from) || !TryParseSize(context.Request.Query["to"], out long to) || from > to)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "from and to must be sizes in decimal with from <= to");
            return;
        }

        if (to > size)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"to is beyond the log's size, {size}");
            return;
        }

        var response = new ConsistencyProofResponse { Proof = Encode(proofs.Consistency(from, to)) };
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(response, ProtocolJson.ConsistencyProofResponse, WireResponses.JsonContentType, context.RequestAborted);
    }

    public async Task InclusionAsync(HttpContext context)
    {
        long logSize = store.Head.Size;
        string? id = context.Request.Query["id"];
        if (!WireFormat.IsLowercaseUuid(id, out _))
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "id must be an event id in lowercase 8-4-4-4-12 form");
            return;
        }

        if (!TryParseSize(context.Request.Query["size"], out long size) || size < 1 || size > logSize)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"size must be 1 to the log's size, {logSize}, in decimal");
            return;
        }

        if (proofs.IndexOf(id!) is not { } index)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "no event with this id");
            return;
        }

        if (index >= size)
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, $"the event is leaf {index}, not in a log of size {size}");
            return;
        }

        var response = new InclusionProofResponse { Index = index, Proof = Encode(proofs.Inclusion(index, size)) };
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(response, ProtocolJson.InclusionProofResponse, WireResponses.JsonContentType, context.RequestAborted);
    }

    private static List<string> Encode(IReadOnlyList<byte[]> proof) => [.. proof.Select(hash => CheckpointFormat.FormatHash(hash))];

    /// <summary>A size in plain decimal digits (no sign, no spaces); a missing or repeated parameter is not one.</summary>
    private static bool TryParseSize(string? text, out long size)
    {
        size = 0;
        return !string.IsNullOrEmpty(text) && text.Length <= 19 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
