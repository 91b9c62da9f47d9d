using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Protocol;

/// <summary>Purposes on the wire (docs/protocol.md §5) and back: one mapping for the client and the reference server.</summary>
internal static class CatalogMapping
{
    /// <summary>A validated local definition as the wire spells it; validity goes out in whole days, rounded up.</summary>
    public static WirePurpose ToWire(PurposeDefinition purpose) => new()
    {
        Id = purpose.Id,
        LegalBasis = WireNames.LegalBasis(purpose.LegalBasis),
        MinimumPolicyVersion = purpose.MinimumPolicyVersion,
        ValidityDays = purpose.Validity is { } validity ? (int)Math.Ceiling(validity.TotalDays) : null,
    };

    /// <summary>A wire purpose as a definition, or <see langword="null"/> when any of its fields is invalid.</summary>
    public static PurposeDefinition? ToDefinition(WirePurpose wire) =>
        Identifier.IsValid(wire.Id) && WireNames.ParseLegalBasis(wire.LegalBasis) is { } basis
            && wire.MinimumPolicyVersion >= 1 && wire.ValidityDays is null or > 0
            ? new PurposeDefinition
            {
                Id = wire.Id!,
                LegalBasis = basis,
                MinimumPolicyVersion = wire.MinimumPolicyVersion,
                Validity = wire.ValidityDays is { } days ? TimeSpan.FromDays(days) : null,
            }
            : null;
}
