using Cpm.Sdk;

namespace Cpm.ReferenceServer;

/// <summary>A purpose in the server's catalog (docs/protocol.md §5).</summary>
public sealed class CatalogPurpose
{
    /// <summary>The purpose id, matching <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The legal ground the purpose relies on.</summary>
    public LegalBasis LegalBasis { get; set; } = LegalBasis.Consent;

    /// <summary>The oldest notice revision a consent may have been given under; at least 1.</summary>
    public int MinimumPolicyVersion { get; set; } = 1;

    /// <summary>How many days a consent stays valid; <see langword="null"/> for no limit.</summary>
    public int? ValidityDays { get; set; }
}
