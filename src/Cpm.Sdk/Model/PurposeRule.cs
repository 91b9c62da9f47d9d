namespace Cpm.Sdk.Model;

/// <summary>A purpose as the gate needs it: interned id, legal basis, minimum notice version and validity.</summary>
/// <param name="Symbol">The interned purpose id.</param>
/// <param name="LegalBasis">The legal ground.</param>
/// <param name="MinimumPolicyVersion">Consents under older notices are outdated.</param>
/// <param name="ValidityMs">How long a consent stays valid, in milliseconds; 0 for no limit.</param>
internal sealed record PurposeRule(int Symbol, LegalBasis LegalBasis, int MinimumPolicyVersion, long ValidityMs);
