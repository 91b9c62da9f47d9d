using Cpm.Sdk.Model;

namespace Cpm.Sdk.Gate;

/// <summary>
/// The decision rules, as pure functions over a user's effective records: channel wildcard and topics (rule 5), the person's
/// jurisdiction and the legal basis it picks, the legal-basis table, separate consent, expiry, validity, minimum
/// notice version, and erasure. No I/O, no allocation.
/// </summary>
internal static class DecisionRules
{
    private static readonly ConsentDecision UnknownPurpose = new(false, DecisionReason.UnknownPurpose, null);
    private static readonly ConsentDecision UnknownChannel = new(false, DecisionReason.UnknownChannel, null);

    public static ConsentDecision ForUnknownPurpose() => UnknownPurpose;

    public static ConsentDecision ForUnknownChannel() => UnknownChannel;

    public static ConsentDecision ForUnknownAlias() => UnknownAlias;

    private static readonly ConsentDecision UnknownAlias = new(false, DecisionReason.UnknownAlias, null);

    private static readonly ConsentDecision ErasedDecision = new(false, DecisionReason.Erased, null);

    /// <summary>
    /// Whether a decision of <see cref="Decide"/> must become <see cref="DecisionReason.Erased"/>: the person was erased
    /// and nothing they chose since decides (nothing recorded, or only a lapsed grant). Consent, opt-out and legitimate
    /// interest alike then deny, the person having asked to be forgotten; a contract or legal obligation still allows,
    /// and a grant, denial or withdrawal made after the erasure decides as usual.
    /// </summary>
    public static bool ErasureApplies(in ConsentDecision decision) =>
        decision.Reason is DecisionReason.NoConsent or DecisionReason.NoObjection;

    /// <summary>The decision for an erased person whom <see cref="ErasureApplies"/> covers.</summary>
    public static ConsentDecision ForErased() => ErasedDecision;

    /// <summary>Whether the person's entries hold the mark of an erasure they came back from (<see cref="IndexEntry.ErasureKey"/>).</summary>
    public static bool IsErased(ReadOnlySpan<IndexEntry> entries)
    {
        foreach (ref readonly IndexEntry e in entries)
        {
            if (e.Purpose == IndexEntry.ErasureKey)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Decides (user, purpose, channel) from the user's entries; the clock is read only when a grant can lapse.
    /// <paramref name="defaultJurisdiction"/> is the jurisdiction of a person none of whose records carries one.
    /// </summary>
    public static ConsentDecision Decide(ReadOnlySpan<IndexEntry> entries, PurposeRule rule, int channel, TimeProvider clock, int defaultJurisdiction = Catalog.NoJurisdiction)
    {
        // Stryker disable once all : equivalent. A purpose without overrides has one basis whatever the jurisdiction; the test only skips looking the jurisdiction up.
        LegalBasis basis = rule.Jurisdictions.Length == 0 ? rule.LegalBasis : rule.BasisFor(JurisdictionOf(entries, defaultJurisdiction));
        int found = FindDeciding(entries, rule.Lineage, channel);
        if (found < 0)
        {
            return basis switch
            {
                LegalBasis.Consent => new(false, DecisionReason.NoConsent, null),
                LegalBasis.LegitimateInterest or LegalBasis.OptOut => new(true, DecisionReason.NoObjection, null),
                _ => new(true, DecisionReason.LegalBasis, null),
            };
        }

        ref readonly IndexEntry record = ref entries[found];
        if (basis is LegalBasis.Contract or LegalBasis.LegalObligation)
        {
            return new(true, DecisionReason.LegalBasis, record.Id);
        }

        switch (record.Choice)
        {
            case ConsentChoice.Granted:
                break;
            case ConsentChoice.Withdrawn:
                return new(false, DecisionReason.Withdrawn, record.Id);
            default:
                // Denied, and any value that is not a defined choice (a damaged row): fail closed.
                return new(false, DecisionReason.Denied, record.Id);
        }

        if (basis == LegalBasis.Consent && rule.RequiresSeparateConsent && !record.Separate)
        {
            // A bundled grant never unlocks a purpose that needs its own, whatever its channel.
            return new(false, DecisionReason.SeparateConsentRequired, record.Id);
        }

        DecisionReason? lapse = Lapse(record, rule, clock);
        if (lapse is null)
        {
            return new(true, DecisionReason.Granted, record.Id);
        }

        // A lapsed grant is as good as none: consent denies, legitimate interest and opt-out still have no objection.
        return basis == LegalBasis.Consent
            ? new(false, lapse.Value, record.Id)
            : new(true, DecisionReason.NoObjection, record.Id);
    }

    /// <summary>
    /// The person's jurisdiction: that of the latest of their records carrying one (the entry at
    /// <see cref="IndexEntry.JurisdictionKey"/>), else <paramref name="defaultJurisdiction"/>.
    /// </summary>
    public static int JurisdictionOf(ReadOnlySpan<IndexEntry> entries, int defaultJurisdiction)
    {
        foreach (ref readonly IndexEntry e in entries)
        {
            if (e.Purpose == IndexEntry.JurisdictionKey)
            {
                return e.Jurisdiction;
            }
        }

        return defaultJurisdiction;
    }

    /// <summary>
    /// The index of the greatest (rule 4) of the records at the purpose or any of its ancestors (<paramref name="lineage"/>),
    /// each at <paramref name="channel"/> or <c>*</c> (rule 5, extended to topics), or -1.
    /// </summary>
    public static int FindDeciding(ReadOnlySpan<IndexEntry> entries, ReadOnlySpan<int> lineage, int channel)
    {
        int best = -1;
        for (int i = 0; i < entries.Length; i++)
        {
            ref readonly IndexEntry e = ref entries[i];
            // Stryker disable once Equality : equivalent. Two entries compare equal only with equal ids, and ids are unique.
            if ((e.Channel == channel || e.Channel == SymbolTable.AllChannels)
                && InLineage(e.Purpose, lineage)
                && (best < 0 || EventOrder.Compare(e, entries[best]) > 0))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool InLineage(int purpose, ReadOnlySpan<int> lineage)
    {
        foreach (int symbol in lineage)
        {
            if (symbol == purpose)
            {
                return true;
            }
        }

        return false;
    }

    private static DecisionReason? Lapse(in IndexEntry record, PurposeRule rule, TimeProvider clock)
    {
        if (record.PolicyVersion < rule.MinimumPolicyVersion)
        {
            return DecisionReason.PolicyOutdated;
        }

        if (record.ExpiresAtMs == IndexEntry.Never && rule.ValidityMs == 0)
        {
            return null;
        }

        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        bool expired = now >= record.ExpiresAtMs || (rule.ValidityMs > 0 && now >= record.OccurredAtMs + rule.ValidityMs);
        return expired ? DecisionReason.Expired : null;
    }
}
