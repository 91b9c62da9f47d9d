namespace Cpm.Sdk.Model;

/// <summary>
/// A purpose as the gate needs it: interned id and those of its ancestors, legal bases, minimum notice version,
/// validity, separate consent. A topic the catalog does not declare has its nearest declared ancestor's rule.
/// </summary>
/// <param name="Symbol">The interned purpose id.</param>
/// <param name="LegalBasis">The legal ground where no jurisdiction overrides it.</param>
/// <param name="MinimumPolicyVersion">Consents under older notices are outdated.</param>
/// <param name="ValidityMs">How long a consent stays valid, in milliseconds; 0 for no limit.</param>
internal sealed record PurposeRule(int Symbol, LegalBasis LegalBasis, int MinimumPolicyVersion, long ValidityMs)
{
    /// <summary>
    /// The interned ids of the purpose and each of its ancestors, nearest first (<c>marketing.promotions</c>, then
    /// <c>marketing</c>): the records at any of them decide (rule 5, extended to topics). A root purpose: itself only.
    /// </summary>
    public int[] Lineage { get; init; } = [Symbol];

    /// <summary>Whether only a separate grant allows the purpose where its basis is consent.</summary>
    public bool RequiresSeparateConsent { get; init; }

    /// <summary>The legal basis per interned jurisdiction; few, so a scan beats a dictionary and allocates nothing.</summary>
    public (int Jurisdiction, LegalBasis Basis)[] Jurisdictions { get; init; } = [];

    /// <summary>The legal basis for a person of <paramref name="jurisdiction"/> (a symbol, or <see cref="Catalog.NoJurisdiction"/>).</summary>
    public LegalBasis BasisFor(int jurisdiction)
    {
        foreach ((int symbol, LegalBasis basis) in Jurisdictions)
        {
            if (symbol == jurisdiction)
            {
                return basis;
            }
        }

        return LegalBasis;
    }
}
