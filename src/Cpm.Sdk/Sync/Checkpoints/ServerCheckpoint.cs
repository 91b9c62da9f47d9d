using System.Text.Json;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Sync.Checkpoints;

/// <summary>
/// A signed checkpoint of the endpoint's log that this instance verified and kept (docs/protocol.md §9): the text,
/// signature and key id exactly as served, and what the text says. Receipts quote it; the next check starts from it.
/// </summary>
/// <param name="Text">The checkpoint text, three lines.</param>
/// <param name="Signature">The signature, base64 of DER, as served.</param>
/// <param name="KeyId">The signing key's id.</param>
/// <param name="Origin">The log's origin (first line).</param>
/// <param name="Size">The log's size (second line).</param>
/// <param name="Root">The root hash (third line).</param>
internal sealed record ServerCheckpoint(string Text, string Signature, string KeyId, string Origin, long Size, byte[] Root)
{
    /// <summary>Reads a checkpoint as served; <see langword="null"/> when the text, signature or key id is malformed.</summary>
    public static ServerCheckpoint? From(CheckpointResponse? response)
    {
        if (response is not { Checkpoint: { } text, Signature: { } signature, KeyId: { } keyId }
            || !CheckpointFormat.TryParse(text, out string origin, out long size, out byte[] root)
            || !IsKeyId(keyId) || !IsBase64(signature))
        {
            return null;
        }

        return new ServerCheckpoint(text, signature, keyId, origin, size, root);
    }

    /// <summary>Reads a kept checkpoint from <c>sync_state</c>; <see langword="null"/> when there is none or it is unreadable.</summary>
    public static ServerCheckpoint? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return From(JsonSerializer.Deserialize(json, ProtocolJson.CheckpointResponse));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The form kept in <c>sync_state</c>: the body of <c>GET v1/checkpoint</c>, exactly as served.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new CheckpointResponse { Checkpoint = Text, Signature = Signature, KeyId = KeyId }, ProtocolJson.CheckpointResponse);

    /// <summary>The signature's bytes (DER).</summary>
    public byte[] SignatureBytes() => Convert.FromBase64String(Signature);

    /// <summary>A key id for messages: its first 16 hex digits, enough to tell keys apart.</summary>
    public static string Short(string keyId) => keyId.Length > 16 ? keyId[..16] : keyId;

    private static bool IsKeyId(string keyId) => keyId.Length == 64 && keyId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static bool IsBase64(string text)
    {
        byte[] buffer = new byte[((text.Length / 4) + 1) * 3];
        return text.Length is > 0 and <= 512 && Convert.TryFromBase64String(text, buffer, out _);
    }
}
