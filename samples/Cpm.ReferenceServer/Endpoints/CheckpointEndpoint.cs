using System.Text;
using System.Text.Json;
using Cpm.ReferenceServer.Hosting;
using Cpm.ReferenceServer.Storage;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// <c>GET v1/checkpoint</c>: the log's latest signed checkpoint (docs/protocol.md §9), signed once per log head; and
/// <c>GET v1/checkpoint-key</c>: the public key that verifies it, as PEM.
/// </summary>
internal sealed class CheckpointEndpoint(EventStore store, CheckpointKey key, string origin)
{
    public const string PemContentType = "application/x-pem-file";

    private readonly Lock _lock = new();
    private (LogHead Head, byte[] Json)? _signed;

    public async Task HandleAsync(HttpContext context)
    {
        byte[] json = Signed(store.Head);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = WireResponses.JsonContentType;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    public async Task KeyAsync(HttpContext context)
    {
        byte[] pem = Encoding.ASCII.GetBytes(key.PublicKeyPem + "\n");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PemContentType;
        context.Response.ContentLength = pem.Length;
        await context.Response.Body.WriteAsync(pem, context.RequestAborted);
    }

    /// <summary>The response for <paramref name="head"/>: reused while the head is the same, so idle polling signs nothing.</summary>
    private byte[] Signed(LogHead head)
    {
        lock (_lock)
        {
            if (_signed is { } cached && ReferenceEquals(cached.Head, head))
            {
                return cached.Json;
            }
        }

        string text = CheckpointFormat.Format(origin, head.Size, head.Root);
        var response = new CheckpointResponse
        {
            Checkpoint = text,
            Signature = Convert.ToBase64String(key.Sign(text)),
            KeyId = key.KeyId,
        };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(response, ProtocolJson.CheckpointResponse);
        lock (_lock)
        {
            if (_signed is not { } current || current.Head.Size <= head.Size)
            {
                _signed = (head, json);
            }
        }

        return json;
    }
}
