using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>Builds index entries and catalogs for decision tests.</summary>
internal static class Entries
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static (Catalog Catalog, SymbolTable Symbols) Catalog(
        LegalBasis basis,
        int minimumPolicyVersion = 1,
        TimeSpan? validity = null,
        bool requiresSeparateConsent = false,
        IReadOnlyDictionary<string, LegalBasis>? jurisdictions = null,
        string? defaultJurisdiction = null)
    {
        var symbols = new SymbolTable();
        var purpose = new PurposeDefinition
        {
            Id = "marketing",
            LegalBasis = basis,
            MinimumPolicyVersion = minimumPolicyVersion,
            Validity = validity,
            RequiresSeparateConsent = requiresSeparateConsent,
        };
        foreach ((string jurisdiction, LegalBasis overriding) in jurisdictions ?? new Dictionary<string, LegalBasis>())
        {
            purpose.Jurisdictions[jurisdiction] = overriding;
        }

        var catalog = Sdk.Model.Catalog.Create([purpose], ["sms", "email"], symbols, defaultJurisdiction);
        return (catalog, symbols);
    }

    /// <summary>The entry that makes <paramref name="jurisdiction"/> the person's, as a record at <paramref name="occurredAt"/> carrying it would.</summary>
    public static IndexEntry Jurisdiction(SymbolTable symbols, string jurisdiction, DateTimeOffset occurredAt) =>
        IndexEntry.ForJurisdiction(Guid.CreateVersion7(occurredAt), occurredAt.ToUnixTimeMilliseconds(), ConsentChoice.Granted, symbols.Intern(jurisdiction));

    public static IndexEntry Entry(
        SymbolTable symbols,
        string channel,
        ConsentChoice choice,
        DateTimeOffset occurredAt,
        Guid? id = null,
        int policyVersion = 1,
        DateTimeOffset? expiresAt = null,
        bool separate = false,
        string purpose = "marketing") => new(
            id ?? Guid.CreateVersion7(occurredAt),
            occurredAt.ToUnixTimeMilliseconds(),
            expiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
            symbols.Intern(purpose),
            symbols.Intern(channel),
            policyVersion,
            choice,
            separate);

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
