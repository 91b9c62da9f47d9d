using Cpm.Sdk.Evidence;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk;

/// <summary>The catalog and gate a reader's receipts and reports decide with, rebuilt from the file for each task.</summary>
public sealed partial class CpmEvidenceReader
{
    /// <summary>
    /// The evidence service over the file as it is now: the catalog of the options merged over the one the store saved
    /// from its endpoint, and, for reports, the gate's index loaded from the store's state.
    /// </summary>
    private EvidenceService Service(bool withIndex)
    {
        var symbols = new SymbolTable();
        (Catalog catalog, ConsentIndex index) = Read(connection =>
        {
            string? saved = Sql.ScalarString(connection, $"SELECT value FROM sync_state WHERE key = '{SyncStateKeys.Catalog}'");
            Catalog merged = CatalogSync.Initial(_options, symbols, saved, NullLogger.Instance);
            return (merged, withIndex ? IndexLoader.Load(connection, symbols) : new ConsentIndex());
        });
        var gate = new ConsentGate(catalog, index, _options.TimeProvider);
        return new EvidenceService(_store, gate, _options.Controller, _options.TimeZone, _options.TimeProvider);
    }
}
