using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Preferences;
using Cpm.Sdk.Rights;
using Cpm.Sdk.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk.Testing.Memory;

/// <summary>
/// The client's own in-memory parts, put together as <c>CpmClient.Open</c> does but over no store: the catalog built
/// from the options, the gate index, aliases and tombstones, the real <see cref="ConsentGate"/>, and the real
/// <see cref="SendGuard"/> over a <see cref="MemoryLedgerStore"/>.
/// </summary>
internal sealed class MemoryParts
{
    private MemoryParts(CpmOptions options, TimeProvider clock)
    {
        Clock = clock;
        Catalog catalog = CatalogSync.Initial(options, Symbols, savedCatalogJson: null, NullLogger.Instance);
        Aliases = new AliasIndex(options.AliasKinds);
        Gate = new ConsentGate(catalog, Index, clock, Aliases, Tombstones);
        Ledger = new MemoryLedgerStore(clock);
        Guard = new SendGuard(Gate, Ledger, new SendLedger(), new CalendarPeriods(options.TimeZone), options.FrequencyRules, Symbols, clock);
    }

    public TimeProvider Clock { get; }

    /// <summary>Stamped on every record as <see cref="ConsentRecord.Origin"/>, like a store's instance id.</summary>
    public string InstanceId { get; } = Guid.CreateVersion7().ToString("N");

    public SymbolTable Symbols { get; } = new();

    public ConsentIndex Index { get; } = new();

    public AliasIndex Aliases { get; }

    public Tombstones Tombstones { get; } = new();

    public ConsentGate Gate { get; }

    public MemoryLedgerStore Ledger { get; }

    public SendGuard Guard { get; }

    /// <summary>Validates the options as <c>CpmClient.OpenAsync</c> does (but for the store's path) and builds the parts.</summary>
    public static MemoryParts Create(CpmOptions options, TimeProvider clock)
    {
        CpmOptionsValidator.ThrowIfInvalid(options, nameof(options), inMemory: true);
        return new MemoryParts(options, clock);
    }
}
