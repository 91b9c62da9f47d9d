using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using Cpm.Sdk;
using Cpm.Sdk.Protocol;
using Microsoft.Net.Http.Headers;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// The server's purposes and channels: the body of <c>GET v1/catalog</c>, serialized once, with its strong ETag,
/// and the check that a pushed event names a purpose and a channel the server knows.
/// </summary>
internal sealed class ServerCatalog
{
    private const string AllChannels = "*";

    private readonly FrozenSet<string> _purposes;
    private readonly FrozenSet<string> _channels;

    public ServerCatalog(IEnumerable<PurposeDefinition> purposes, IEnumerable<string> channels)
    {
        var catalog = new WireCatalog
        {
            Purposes = [.. purposes.Select(CatalogRules.ToWire)],
            Channels = [.. channels],
        };
        _purposes = catalog.Purposes.Select(p => p.Id!).ToFrozenSet(StringComparer.Ordinal);
        _channels = catalog.Channels.ToFrozenSet(StringComparer.Ordinal);
        Json = JsonSerializer.SerializeToUtf8Bytes(catalog, ProtocolJson.WireCatalog);
        ETag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Json))[..32]}\"");
    }

    /// <summary>The catalog as UTF-8 JSON, exactly as served.</summary>
    public byte[] Json { get; }

    /// <summary>A strong entity tag: a hash of <see cref="Json"/>, so it changes exactly when the body does.</summary>
    public EntityTagHeaderValue ETag { get; }

    /// <summary>Why an otherwise valid event cannot be accepted by this server, or <see langword="null"/>.</summary>
    public string? Problem(string purpose, string channel)
    {
        if (!Knows(purpose))
        {
            return $"purpose '{purpose}' is not in the catalog";
        }

        return channel == AllChannels || _channels.Contains(channel)
            ? null
            : $"channel '{channel}' is not in the catalog";
    }

    /// <summary>Whether the catalog declares <paramref name="purpose"/> or an ancestor of it (a topic: <c>marketing.promotions</c>).</summary>
    private bool Knows(string purpose)
    {
        for (string path = purpose; ; path = path[..path.LastIndexOf('.')])
        {
            if (_purposes.Contains(path))
            {
                return true;
            }

            int dot = path.LastIndexOf('.');
            if (dot <= 0 || dot == path.Length - 1)
            {
                return false; // no parent, or an empty segment: no topic
            }
        }
    }

    /// <summary>Whether an <c>If-None-Match</c> list names the current body (weak comparison, as RFC 9110 asks).</summary>
    public bool Matches(IList<EntityTagHeaderValue> ifNoneMatch) =>
        ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ETag, useStrongComparison: false));
}
