namespace Cpm.Sdk.Model.Validation;

/// <summary>
/// Checks a catalog's purposes and channels, as an SDK instance and a server declare them, and names each problem;
/// <c>owner</c> prefixes every message, e.g. <c>CpmOptions</c>.
/// </summary>
internal static class CatalogChecks
{
    /// <summary>Adds one message per problem of <paramref name="purposes"/>: none, a null entry, an invalid or repeated id, ...</summary>
    public static void Purposes(IList<PurposeDefinition>? purposes, string owner, List<string> problems)
    {
        if (purposes is null || purposes.Count == 0)
        {
            problems.Add($"{owner}.Purposes must hold at least one purpose.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < purposes.Count; i++)
        {
            string name = $"{owner}.Purposes[{i}]";
            if (purposes[i] is not { } purpose)
            {
                problems.Add($"{name} is null.");
                continue;
            }

            if (Identifier.IsValid(purpose.Id) && !seen.Add(purpose.Id))
            {
                problems.Add($"{name}.Id '{purpose.Id}' is declared twice.");
            }

            Purpose(purpose, name, problems);
        }
    }

    /// <summary>Adds one message per invalid field of one definition; <paramref name="name"/> prefixes each.</summary>
    public static void Purpose(PurposeDefinition purpose, string name, List<string> problems)
    {
        if (!Identifier.IsValid(purpose.Id))
        {
            problems.Add($"{name}.Id '{purpose.Id}' must match {Identifier.Pattern}.");
        }

        if (!Enum.IsDefined(purpose.LegalBasis))
        {
            problems.Add($"{name}.LegalBasis {(int)purpose.LegalBasis} is not a defined LegalBasis.");
        }

        if (purpose.MinimumPolicyVersion < 1)
        {
            problems.Add($"{name}.MinimumPolicyVersion must be at least 1.");
        }

        if (purpose.Validity is { } validity && validity < TimeSpan.FromMilliseconds(1))
        {
            problems.Add($"{name}.Validity must be at least one millisecond when set.");
        }

        if (purpose.HonorsGpc && !Gated(purpose.LegalBasis) && !purpose.Jurisdictions.Values.Any(Gated))
        {
            problems.Add($"{name}.HonorsGpc needs a legal basis a denial can gate (Consent, LegitimateInterest or OptOut, for the purpose or one of its jurisdictions); {purpose.LegalBasis} never is.");
        }

        foreach ((string jurisdiction, LegalBasis basis) in purpose.Jurisdictions)
        {
            if (FieldRules.JurisdictionProblem(jurisdiction) is { } problem)
            {
                problems.Add($"{name}.Jurisdictions: '{jurisdiction}': {problem}");
            }
            else if (!Enum.IsDefined(basis))
            {
                problems.Add($"{name}.Jurisdictions['{jurisdiction}'] {(int)basis} is not a defined LegalBasis.");
            }
        }
    }

    /// <summary>Whether a denial under <paramref name="basis"/> denies: every basis but contract and legal obligation.</summary>
    private static bool Gated(LegalBasis basis) => basis is not (LegalBasis.Contract or LegalBasis.LegalObligation);

    /// <summary>Adds one message per problem of <paramref name="channels"/>: none, an invalid or repeated id.</summary>
    public static void Channels(IList<string>? channels, string owner, List<string> problems)
    {
        if (channels is null || channels.Count == 0)
        {
            problems.Add($"{owner}.Channels must hold at least one channel.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < channels.Count; i++)
        {
            if (!Identifier.IsValid(channels[i]))
            {
                problems.Add($"{owner}.Channels[{i}] '{channels[i]}' must match {Identifier.Pattern} ('*' is implied, not declared).");
            }
            else if (!seen.Add(channels[i]))
            {
                problems.Add($"{owner}.Channels[{i}] '{channels[i]}' is declared twice.");
            }
        }
    }
}
