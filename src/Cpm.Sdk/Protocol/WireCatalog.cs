namespace Cpm.Sdk.Protocol;

/// <summary>The body of <c>GET v1/catalog</c> (docs/protocol.md §5): the purposes and channels a server knows.</summary>
public sealed class WireCatalog
{
    /// <summary>The purposes; map them to and from definitions with <see cref="CatalogRules"/>.</summary>
    public List<WirePurpose>? Purposes { get; set; }

    /// <summary>The channel ids; <c>*</c> is implied, never listed.</summary>
    public List<string>? Channels { get; set; }
}

/// <summary>A purpose on the wire: a <see cref="PurposeDefinition"/> as <see cref="CatalogRules.ToWire"/> spells it.</summary>
public sealed class WirePurpose
{
    /// <summary>The purpose id, matching <c>^[a-z0-9][a-z0-9._-]{0,63}$</c>.</summary>
    public string? Id { get; set; }

    /// <summary><c>consent</c>, <c>legitimateInterest</c>, <c>contract</c>, <c>legalObligation</c> or <c>optOut</c> (<see cref="WireFormat.FormatLegalBasis"/>).</summary>
    public string? LegalBasis { get; set; }

    /// <summary>The oldest notice revision whose consent still allows the use; at least 1, and 1 when absent.</summary>
    public int MinimumPolicyVersion { get; set; } = 1;

    /// <summary>How many whole days a consent stays valid, or <see langword="null"/> for no limit.</summary>
    public int? ValidityDays { get; set; }

    /// <summary><see langword="true"/> when only a separate grant allows the purpose; absent (<see langword="null"/>) means false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequiresSeparateConsent { get; set; }

    /// <summary><see langword="true"/> when a Global Privacy Control signal opts the person out of the purpose; absent (<see langword="null"/>) means false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? HonorsGpc { get; set; }

    /// <summary>The legal basis per jurisdiction id, spelled as <see cref="LegalBasis"/>; absent when none overrides it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Jurisdictions { get; set; }
}
