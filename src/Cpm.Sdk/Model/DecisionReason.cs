namespace Cpm.Sdk;

/// <summary>Why the gate answered the way it did.</summary>
public enum DecisionReason
{
    /// <summary>A current, granted consent allows the use.</summary>
    Granted = 0,

    /// <summary>The purpose needs consent and none is recorded.</summary>
    NoConsent = 1,

    /// <summary>The person refused.</summary>
    Denied = 2,

    /// <summary>The person withdrew an earlier consent.</summary>
    Withdrawn = 3,

    /// <summary>The consent passed its expiry or the purpose's validity period.</summary>
    Expired = 4,

    /// <summary>The consent was given under a notice older than the purpose's minimum policy version.</summary>
    PolicyOutdated = 5,

    /// <summary>The purpose is not in the catalog, nor a topic (a dot path) under a purpose that is.</summary>
    UnknownPurpose = 6,

    /// <summary>The channel is not in the catalog.</summary>
    UnknownChannel = 7,

    /// <summary>Legitimate interest and no objection recorded.</summary>
    NoObjection = 8,

    /// <summary>Contract or legal obligation: allowed whatever is recorded.</summary>
    LegalBasis = 9,

    /// <summary>
    /// The purpose requires separate consent (PIPL arts. 23, 25, 26, 29, 39) and the deciding grant was bundled with
    /// other purposes (<see cref="ConsentCapture.Separate"/> not set).
    /// </summary>
    SeparateConsentRequired = 10,

    /// <summary>
    /// The person's data was erased (<see cref="IDataSubjectRights.EraseAsync"/>) and nothing they chose since allows
    /// this: every purpose but a contract or a legal obligation one denies until they come back with a new grant.
    /// </summary>
    Erased = 11,

    /// <summary>The alias asked about points to no one (<see cref="IConsentGate.EvaluateAlias"/>): never send to it.</summary>
    UnknownAlias = 12,

    /// <summary>
    /// The gate allows the send but a frequency cap is full for the current period: the person's own
    /// (<see cref="ConsentCapture.Frequency"/>) or a business rule's (<see cref="CpmOptions.FrequencyRules"/>). Only
    /// <see cref="ISendGuard.ReserveAsync"/> answers this.
    /// </summary>
    FrequencyCapped = 13,
}
