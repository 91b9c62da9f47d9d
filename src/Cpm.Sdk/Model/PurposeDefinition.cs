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
}
