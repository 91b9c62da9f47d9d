using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// The catalog on the wire (docs/protocol.md §5): purposes to and from <see cref="WirePurpose"/>, and the checks a
/// declared catalog must pass, the same for an SDK instance's options and a server's configuration.
/// </summary>
public static class CatalogRules
{
    /// <summary>
    /// Every problem of a declared catalog, one message each, prefixed with <paramref name="owner"/>: no purposes or
    /// no channels, a null purpose, an id that does not match <c>^[a-z0-9][a-z0-9._-]{0,63}$</c> or is declared twice,
    /// an undefined legal basis, a minimum policy version below 1, a validity under one millisecond, a Global Privacy
    /// Control flag on a purpose no denial can gate (contract or legal obligation everywhere). <c>*</c> is implied,
    /// never declared.
    /// </summary>
    /// <param name="purposes">The purposes, as configured.</param>
    /// <param name="channels">The channels, as configured.</param>
    /// <param name="owner">What the messages name as the owner of the settings, e.g. <c>MyServerOptions</c>.</param>
    /// <returns>The messages; empty when the catalog is valid.</returns>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is null, empty or whitespace.</exception>
    public static IReadOnlyList<string> Problems(IList<PurposeDefinition>? purposes, IList<string>? channels, string owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var problems = new List<string>();
        CatalogChecks.Purposes(purposes, owner, problems);
        CatalogChecks.Channels(channels, owner, problems);
        return problems;
    }

    /// <summary>A definition as the wire spells it; the validity goes out in whole days, rounded up.</summary>
    /// <param name="purpose">A valid definition (see <see cref="Problems"/>).</param>
    /// <returns>A new wire purpose.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="purpose"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is invalid; the message names each problem.</exception>
    public static WirePurpose ToWire(PurposeDefinition purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var problems = new List<string>();
        CatalogChecks.Purpose(purpose, nameof(purpose), problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(purpose));
        }

        return new WirePurpose
        {
            Id = purpose.Id,
            LegalBasis = WireFormat.FormatLegalBasis(purpose.LegalBasis),
            MinimumPolicyVersion = purpose.MinimumPolicyVersion,
            ValidityDays = purpose.Validity is { } validity ? (int)Math.Ceiling(validity.TotalDays) : null,
            RequiresSeparateConsent = purpose.RequiresSeparateConsent ? true : null,
            HonorsGpc = purpose.HonorsGpc ? true : null,
            Jurisdictions = purpose.Jurisdictions.Count == 0
                ? null
                : purpose.Jurisdictions.ToDictionary(j => j.Key, j => WireFormat.FormatLegalBasis(j.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Whether two definitions of the same purpose gate alike: every rule but the id is equal, the Global Privacy
    /// Control flag included.
    /// </summary>
    /// <param name="a">One definition.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when they decide the same way.</returns>
    /// <exception cref="ArgumentNullException">Either is <see langword="null"/>.</exception>
    public static bool SameRules(PurposeDefinition a, PurposeDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.LegalBasis == b.LegalBasis && a.MinimumPolicyVersion == b.MinimumPolicyVersion && a.Validity == b.Validity
            && a.RequiresSeparateConsent == b.RequiresSeparateConsent
            && a.HonorsGpc == b.HonorsGpc
            && a.Jurisdictions.Count == b.Jurisdictions.Count
            && a.Jurisdictions.All(j => b.Jurisdictions.TryGetValue(j.Key, out LegalBasis other) && other == j.Value);
    }

    /// <summary>
    /// A wire purpose as a definition, or <see langword="null"/> when it is null or any of its fields is invalid (an
    /// entry a client ignores rather than failing the whole catalog).
    /// </summary>
    /// <param name="wire">The purpose as read.</param>
    /// <returns>A new definition, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="WirePurpose.ValidityDays"/> is more than a <see cref="TimeSpan"/> holds: not an entry to ignore but a
    /// catalog that breaks the protocol, which the SDK reports as such and keeps its local catalog.
    /// </exception>
    public static PurposeDefinition? ToDefinition(WirePurpose? wire)
    {
        if (wire is null || !Identifier.IsValid(wire.Id) || WireFormat.ParseLegalBasis(wire.LegalBasis) is not { } basis
            || wire.MinimumPolicyVersion < 1 || wire.ValidityDays is <= 0)
        {
            return null;
        }

        var definition = new PurposeDefinition
        {
            Id = wire.Id!,
            LegalBasis = basis,
            MinimumPolicyVersion = wire.MinimumPolicyVersion,
            Validity = wire.ValidityDays is { } days ? TimeSpan.FromDays(days) : null,
            RequiresSeparateConsent = wire.RequiresSeparateConsent == true,
            HonorsGpc = wire.HonorsGpc == true,
        };
        foreach ((string jurisdiction, string spelled) in wire.Jurisdictions ?? [])
        {
            if (FieldRules.JurisdictionProblem(jurisdiction) is not null || WireFormat.ParseLegalBasis(spelled) is not { } overriding)
            {
                return null;
            }

            definition.Jurisdictions[jurisdiction] = overriding;
        }

        return definition;
    }
}
