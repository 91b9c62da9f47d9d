namespace Cpm.Sdk;

/// <summary>A processing purpose in the catalog, such as <c>marketing</c>, and the rules that gate it.</summary>
public sealed class PurposeDefinition
{
    /// <summary>The purpose id; it matches <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The legal ground the purpose relies on. Default: <see cref="Sdk.LegalBasis.Consent"/>.</summary>
    public LegalBasis LegalBasis { get; set; } = LegalBasis.Consent;

    /// <summary>A consent given under an older notice version no longer allows the use. At least 1.</summary>
    public int MinimumPolicyVersion { get; set; } = 1;

    /// <summary>How long a consent stays valid after it was given; <see langword="null"/> for no limit.</summary>
    public TimeSpan? Validity { get; set; }

    /// <summary>
    /// Whether only a grant given for this purpose alone allows it (PIPL arts. 23, 25, 26, 29, 39: sensitive data,
    /// sharing with another handler, publication, cross-border transfer). <see cref="CpmClient.RecordAsync"/> refuses a
    /// grant without <see cref="ConsentCapture.Separate"/>; a bundled grant that arrives from elsewhere decides
    /// <see cref="DecisionReason.SeparateConsentRequired"/>. Applies where the purpose's basis is
    /// <see cref="Sdk.LegalBasis.Consent"/>. Default <see langword="false"/>.
    /// </summary>
    public bool RequiresSeparateConsent { get; set; }

    /// <summary>
    /// The legal basis per jurisdiction, overriding <see cref="LegalBasis"/> for a person whose jurisdiction is a key:
    /// for example <c>["CCPA"] = LegalBasis.OptOut</c> beside a default of <see cref="Sdk.LegalBasis.Consent"/>. Keys
    /// are jurisdiction ids as records carry them, compared ordinally.
    /// </summary>
    public IDictionary<string, LegalBasis> Jurisdictions { get; } = new Dictionary<string, LegalBasis>(StringComparer.Ordinal);
}
