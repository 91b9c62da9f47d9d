using System.Text.Json;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Keeps the gate's catalog in step with the endpoint's (<c>GET v1/catalog</c> with ETag), merged under the local
/// definitions, and saves it so a restart offline still knows the remote purposes and channels.
/// </summary>
internal sealed class CatalogSync(
    CpmOptions options, SymbolTable symbols, ConsentGate gate, ConsentWriter writer, SyncTransport transport, ILogger logger, string? etag)
{
    private string? _etag = etag;

    /// <summary>Builds the catalog at open from the local options and the saved remote catalog, if any.</summary>
    public static Catalog Initial(CpmOptions options, SymbolTable symbols, string? savedCatalogJson, ILogger logger)
    {
        WireCatalog? saved = null;
        if (savedCatalogJson is not null)
        {
            try
            {
                saved = JsonSerializer.Deserialize(savedCatalogJson, ProtocolJson.WireCatalog);
            }
            catch (JsonException)
            {
                saved = null; // A damaged cache is not fatal: the next refresh replaces it.
            }
        }

        (List<PurposeDefinition> purposes, List<string> channels) = CatalogMerger.Merge(options.Purposes, options.Channels, saved, logger);
        return Catalog.Create(purposes, channels, symbols, options.DefaultJurisdiction);
    }

    /// <summary>Fetches the catalog unless unchanged; throws <see cref="SyncFailure"/> on auth, transient or protocol failures.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        TransportResponse<WireCatalog> response = await transport.GetCatalogAsync(_etag, cancellationToken).ConfigureAwait(false);
        switch (response.Outcome)
        {
            case Outcome.NotModified:
            case Outcome.Permanent or Outcome.BadRequest: // An endpoint without a catalog keeps the local one.
                return;
            case Outcome.Success:
                Catalog merged = Apply(response.Body!);
                string json = JsonSerializer.Serialize(response.Body!, ProtocolJson.WireCatalog);
                await writer.SubmitAsync(new SyncStateOperation(SyncStateKeys.Catalog, json), cancellationToken).ConfigureAwait(false);
                await writer.SubmitAsync(new SyncStateOperation(SyncStateKeys.CatalogETag, response.ETag), cancellationToken).ConfigureAwait(false);
                gate.Catalog = merged;
                _etag = response.ETag;
                return;
            default:
                throw response.Failure("catalog");
        }
    }

    /// <summary>Merges a remote catalog under the local one; one that cannot be built (a value out of range) is a protocol error.</summary>
    private Catalog Apply(WireCatalog remote)
    {
        try
        {
            (List<PurposeDefinition> purposes, List<string> channels) = CatalogMerger.Merge(options.Purposes, options.Channels, remote, logger);
            return Catalog.Create(purposes, channels, symbols, options.DefaultJurisdiction);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or FormatException)
        {
            throw new SyncFailure(Outcome.Protocol, $"catalog answer breaks the protocol: a value is out of range ({ex.GetType().Name}); the local catalog stays", ex);
        }
    }
}
