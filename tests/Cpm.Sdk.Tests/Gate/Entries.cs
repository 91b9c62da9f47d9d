using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>Builds index entries and catalogs for decision tests.</summary>
internal static class Entries
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static (Catalog Catalog, SymbolTable Symbols) Catalog(LegalBasis basis, int minimumPolicyVersion = 1, TimeSpan? validity = null)
    {
        var symbols = new SymbolTable();
        var catalog = Sdk.Model.Catalog.Create(
            [new PurposeDefinition { Id = "marketing", LegalBasis = basis, MinimumPolicyVersion = minimumPolicyVersion, Validity = validity }],
            ["sms", "email"],
            symbols);
        return (catalog, symbols);
    }

    public static IndexEntry Entry(
        SymbolTable symbols,
        string channel,
        ConsentChoice choice,
        DateTimeOffset occurredAt,
        Guid? id = null,
        int policyVersion = 1,
        DateTimeOffset? expiresAt = null) => new(
            id ?? Guid.CreateVersion7(occurredAt),
            occurredAt.ToUnixTimeMilliseconds(),
            expiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
            symbols.Intern("marketing"),
            symbols.Intern(channel),
            policyVersion,
            choice);

    /// <summary>Folds entries into one user's array through the index's rule-4 apply.</summary>
    public static IndexEntry[]? Fold(IEnumerable<IndexEntry> entries)
    {
        IndexEntry[]? state = null;
        foreach (IndexEntry entry in entries)
        {
            state = ConsentIndex.Apply(state, entry) ?? state;
        }

        return state;
    }
}
