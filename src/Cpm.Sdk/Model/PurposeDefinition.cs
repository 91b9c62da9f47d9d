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
    /// Whether a Global Privacy Control signal (<c>Sec-GPC: 1</c>) opts the person out of this purpose, as CCPA/CPRA
    /// requires for the sale and sharing of personal information. The SDK stores and syncs the flag (the catalog's
    /// <c>honorsGpc</c>); acting on the signal is the web layer's job (<c>app.UseCpmGlobalPrivacyControl()</c> in
    /// Cpm.Sdk.AspNetCore records a denial with source <c>gpc</c>, once per person, unless the person chose
    /// explicitly). The gate itself decides as before. Needs a basis a denial can gate: not
    /// <see cref="Sdk.LegalBasis.Contract"/> or <see cref="Sdk.LegalBasis.LegalObligation"/> everywhere. Default
    /// <see langword="false"/>.
    /// </summary>
    public bool HonorsGpc { get; set; }

    /// <summary>
    /// The legal basis per jurisdiction, overriding <see cref="LegalBasis"/> for a person whose jurisdiction is a key:
    /// for example <c>["CCPA"] = LegalBasis.OptOut</c> beside a default of <see cref="Sdk.LegalBasis.Consent"/>. Keys
    /// are jurisdiction ids as records carry them, compared ordinally.
    /// </summary>
    public IDictionary<string, LegalBasis> Jurisdictions { get; } = new Dictionary<string, LegalBasis>(StringComparer.Ordinal);

    /// <summary>A deep copy: the catalog keeps its own, so a definition changed later changes nothing there.</summary>
    internal PurposeDefinition Copy()
    {
        var copy = new PurposeDefinition
        {
            Id = Id,
            LegalBasis = LegalBasis,
            MinimumPolicyVersion = MinimumPolicyVersion,
            Validity = Validity,
            RequiresSeparateConsent = RequiresSeparateConsent,
            HonorsGpc = HonorsGpc,
        };
        foreach ((string jurisdiction, LegalBasis basis) in Jurisdictions)
        {
            copy.Jurisdictions[jurisdiction] = basis;
        }

        return copy;
    }
}
