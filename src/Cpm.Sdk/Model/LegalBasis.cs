namespace Cpm.Sdk;

/// <summary>The legal ground a purpose relies on; it decides what the gate does when nothing is recorded.</summary>
public enum LegalBasis
{
    /// <summary>Allowed only with a current, granted consent.</summary>
    Consent = 0,

    /// <summary>Allowed until the person objects (denies or withdraws).</summary>
    LegitimateInterest = 1,

    /// <summary>Needed to perform a contract; always allowed, records are kept as evidence only.</summary>
    Contract = 2,

    /// <summary>Required by law; always allowed, records are kept as evidence only.</summary>
    LegalObligation = 3,

    /// <summary>
    /// Allowed until the person opts out (denies or withdraws), as the CCPA/CPRA has it for the sale and sharing of
    /// personal information. Decides like <see cref="LegitimateInterest"/>.
    /// </summary>
    OptOut = 4,
}
