using Cpm.Sdk.Gate;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>
/// A person's jurisdiction picks each purpose's legal basis: the jurisdiction of their latest record that carries one,
/// else the default; the basis for it is the purpose's override, else its own. Separate consent: only a grant for the
/// purpose alone unlocks a purpose that requires it.
/// </summary>
public sealed class JurisdictionRulesTests
{
    private static readonly Dictionary<string, LegalBasis> Overrides = new()
    {
        ["CCPA"] = LegalBasis.OptOut,
        ["UK"] = LegalBasis.LegitimateInterest,
        ["PIPL"] = LegalBasis.Consent,
    };

    /// <summary>The person's jurisdiction (null: none recorded), the default, what they recorded, and the decision.</summary>
    public static TheoryData<string?, string?, ConsentChoice?, bool, DecisionReason> Table => new()
    {
        { "CCPA", null, null, true, DecisionReason.NoObjection },
        { "CCPA", null, ConsentChoice.Denied, false, DecisionReason.Denied },
        { "CCPA", null, ConsentChoice.Withdrawn, false, DecisionReason.Withdrawn },
        { "CCPA", null, ConsentChoice.Granted, true, DecisionReason.Granted },
        { "UK", null, null, true, DecisionReason.NoObjection },
        { "UK", null, ConsentChoice.Withdrawn, false, DecisionReason.Withdrawn },
        { "PIPL", null, null, false, DecisionReason.NoConsent },
        { "PIPL", null, ConsentChoice.Granted, true, DecisionReason.Granted },
        { "GDPR", null, null, false, DecisionReason.NoConsent },                  // no override: the purpose's own basis
        { null, null, null, false, DecisionReason.NoConsent },                    // no jurisdiction, no default
        { null, "CCPA", null, true, DecisionReason.NoObjection },                 // the default applies
        { null, "CCPA", ConsentChoice.Denied, false, DecisionReason.Denied },
        { "PIPL", "CCPA", null, false, DecisionReason.NoConsent },                // a recorded jurisdiction beats the default
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_persons_jurisdiction_picks_the_legal_basis(
        string? jurisdiction, string? defaultJurisdiction, ConsentChoice? recorded, bool allowed, DecisionReason reason)
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, jurisdictions: Overrides, defaultJurisdiction: defaultJurisdiction);
        var entries = new List<IndexEntry>();
        if (recorded is { } choice)
        {
            entries.Add(Entry(symbols, "sms", choice, T0));
        }

        if (jurisdiction is not null)
        {
            entries.Add(Jurisdiction(symbols, jurisdiction, T0));
        }

        ConsentDecision decision = LegalBasisTableTests.GateWith(catalog, "u1", [.. entries], T0.AddDays(1)).Evaluate("u1", "marketing", "sms");

        decision.IsAllowed.Should().Be(allowed);
        decision.Reason.Should().Be(reason);
    }

    [Fact]
    public void A_person_who_moves_from_ccpa_to_pipl_needs_consent_from_then_on()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, jurisdictions: Overrides);
        IndexEntry[] inCalifornia = Fold([Jurisdiction(symbols, "CCPA", T0)])!;
        IndexEntry[] moved = Fold([Jurisdiction(symbols, "CCPA", T0), Jurisdiction(symbols, "PIPL", T0.AddDays(30))])!;
        IndexEntry[] lateOldRecord = Fold([Jurisdiction(symbols, "PIPL", T0.AddDays(30)), Jurisdiction(symbols, "CCPA", T0)])!;

        Decide(catalog, inCalifornia).Should().Be((true, DecisionReason.NoObjection));
        Decide(catalog, moved).Should().Be((false, DecisionReason.NoConsent));
        Decide(catalog, lateOldRecord).Should().Be((false, DecisionReason.NoConsent), "an older record arriving later does not move the person back");
        moved.Should().ContainSingle(e => e.Purpose == IndexEntry.JurisdictionKey, "one jurisdiction per person");
    }

    [Fact]
    public void A_lapsed_grant_under_opt_out_leaves_no_objection()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, jurisdictions: Overrides);
        IndexEntry[] entries = [Entry(symbols, "sms", ConsentChoice.Granted, T0, expiresAt: T0.AddHours(1)), Jurisdiction(symbols, "CCPA", T0)];

        ConsentDecision decision = LegalBasisTableTests.GateWith(catalog, "u1", entries, T0.AddDays(1)).Evaluate("u1", "marketing", "sms");

        decision.Should().Be(new ConsentDecision(true, DecisionReason.NoObjection, entries[0].Id));
    }

    /// <summary>Separate consent, by what decides: the grant's channel and whether it was given alone.</summary>
    public static TheoryData<string, ConsentChoice, bool, bool, DecisionReason> SeparateTable => new()
    {
        { "sms", ConsentChoice.Granted, true, true, DecisionReason.Granted },
        { "sms", ConsentChoice.Granted, false, false, DecisionReason.SeparateConsentRequired },
        { "*", ConsentChoice.Granted, false, false, DecisionReason.SeparateConsentRequired },
        { "*", ConsentChoice.Granted, true, true, DecisionReason.Granted },
        { "sms", ConsentChoice.Withdrawn, false, false, DecisionReason.Withdrawn },
        { "sms", ConsentChoice.Denied, false, false, DecisionReason.Denied },
    };

    [Theory]
    [MemberData(nameof(SeparateTable))]
    public void Only_a_separate_grant_unlocks_a_purpose_that_requires_one(
        string channel, ConsentChoice choice, bool separate, bool allowed, DecisionReason reason)
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, requiresSeparateConsent: true);
        IndexEntry entry = Entry(symbols, channel, choice, T0, separate: separate);

        ConsentDecision decision = LegalBasisTableTests.GateWith(catalog, "u1", [entry], T0.AddDays(1)).Evaluate("u1", "marketing", "sms");

        decision.Should().Be(new ConsentDecision(allowed, reason, entry.Id));
    }

    [Fact]
    public void A_separate_grant_still_lapses_and_a_later_bundled_grant_takes_over()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, minimumPolicyVersion: 2, requiresSeparateConsent: true);
        IndexEntry outdated = Entry(symbols, "sms", ConsentChoice.Granted, T0, policyVersion: 1, separate: true);
        IndexEntry[] later = Fold([Entry(symbols, "sms", ConsentChoice.Granted, T0, policyVersion: 2, separate: true),
            Entry(symbols, "sms", ConsentChoice.Granted, T0.AddDays(1), policyVersion: 2, separate: false)])!;

        Decide(catalog, [outdated]).Should().Be((false, DecisionReason.PolicyOutdated));
        Decide(catalog, later).Should().Be((false, DecisionReason.SeparateConsentRequired), "the latest grant decides, and it was bundled");
    }

    [Fact]
    public void Separate_consent_applies_only_where_the_basis_is_consent()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, requiresSeparateConsent: true, jurisdictions: Overrides);
        IndexEntry bundled = Entry(symbols, "sms", ConsentChoice.Granted, T0, separate: false);

        Decide(catalog, [bundled, Jurisdiction(symbols, "CCPA", T0)]).Should().Be((true, DecisionReason.Granted), "opt-out needs no grant at all");
        Decide(catalog, [bundled, Jurisdiction(symbols, "PIPL", T0)]).Should().Be((false, DecisionReason.SeparateConsentRequired));
    }

    [Fact]
    public void Deciding_with_a_jurisdiction_allocates_nothing()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, jurisdictions: Overrides);
        ConsentGate gate = LegalBasisTableTests.GateWith(catalog, "u1", [Entry(symbols, "sms", ConsentChoice.Granted, T0), Jurisdiction(symbols, "CCPA", T0)], T0.AddDays(1));
        gate.CanUse("u1", "marketing", "sms");

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool allowed = gate.CanUse("u1", "marketing", "sms");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allowed.Should().BeTrue();
        allocated.Should().Be(0);
    }

    private static (bool, DecisionReason) Decide(Sdk.Model.Catalog catalog, IndexEntry[] entries)
    {
        ConsentDecision decision = LegalBasisTableTests.GateWith(catalog, "u1", entries, T0.AddHours(1)).Evaluate("u1", "marketing", "sms");
        return (decision.IsAllowed, decision.Reason);
    }
}
