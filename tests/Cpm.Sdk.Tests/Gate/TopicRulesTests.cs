using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Microsoft.Extensions.Time.Testing;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>
/// Topics are child purposes (DESIGN.md, rule 5 extended): the records at a purpose and at every ancestor, each at the
/// channel and at <c>*</c>, compete under rule 4; a topic the catalog does not declare takes its nearest declared
/// ancestor's definition.
/// </summary>
public sealed class TopicRulesTests
{
    private const ConsentChoice G = ConsentChoice.Granted;
    private const ConsentChoice D = ConsentChoice.Denied;
    private const ConsentChoice W = ConsentChoice.Withdrawn;

    /// <summary>(purpose, channel, choice, minute) events; the query; the expected decision.</summary>
    public static TheoryData<string, string, string, bool, DecisionReason> Table() => new()
    {
        // A later withdrawal of the parent beats an earlier grant of the topic, and the reverse, for that topic only.
        { "marketing.promotions/sms/G/0 marketing/sms/W/1", "marketing.promotions", "sms", false, DecisionReason.Withdrawn },
        { "marketing/sms/W/0 marketing.promotions/sms/G/1", "marketing.promotions", "sms", true, DecisionReason.Granted },
        { "marketing/sms/W/0 marketing.promotions/sms/G/1", "marketing", "sms", false, DecisionReason.Withdrawn },
        { "marketing/sms/W/0 marketing.promotions/sms/G/1", "marketing.launches", "sms", false, DecisionReason.Withdrawn },
        { "marketing/sms/D/0 marketing.promotions/sms/G/1", "marketing.promotions", "sms", true, DecisionReason.Granted },
        { "marketing.promotions/sms/G/0 marketing/sms/D/1", "marketing.promotions", "sms", false, DecisionReason.Denied },

        // `*` at each level.
        { "marketing.promotions/sms/G/0 marketing/*/W/1", "marketing.promotions", "sms", false, DecisionReason.Withdrawn },
        { "marketing/sms/W/0 marketing.promotions/*/G/1", "marketing.promotions", "sms", true, DecisionReason.Granted },
        { "marketing/sms/W/0 marketing.promotions/*/G/1", "marketing.promotions", "email", true, DecisionReason.Granted },
        { "marketing/sms/W/0 marketing.promotions/*/G/1", "marketing", "sms", false, DecisionReason.Withdrawn },
        { "marketing/*/W/0 marketing.promotions/sms/G/1", "marketing.promotions", "sms", true, DecisionReason.Granted },
        { "marketing/*/W/0 marketing.promotions/sms/G/1", "marketing.promotions", "email", false, DecisionReason.Withdrawn },
        { "marketing.promotions/*/W/0 marketing/email/G/1", "marketing.promotions", "email", true, DecisionReason.Granted },
        { "marketing.promotions/*/W/0 marketing/email/G/1", "marketing.promotions", "sms", false, DecisionReason.Withdrawn },

        // Two levels deep: every ancestor competes.
        { "marketing/sms/G/0 marketing.promotions/sms/W/1", "marketing.promotions.summer", "sms", false, DecisionReason.Withdrawn },
        { "marketing.promotions/sms/W/0 marketing.promotions.summer/sms/G/1", "marketing.promotions.summer", "sms", true, DecisionReason.Granted },
        { "marketing.promotions/sms/W/0 marketing.promotions.summer/sms/G/1", "marketing.promotions", "sms", false, DecisionReason.Withdrawn },
        { "marketing.promotions.summer/sms/G/0 marketing/*/W/2", "marketing.promotions.summer", "sms", false, DecisionReason.Withdrawn },
        { "marketing/sms/G/0", "marketing.promotions.summer", "sms", true, DecisionReason.Granted },

        // Siblings and descendants do not decide for a purpose.
        { "marketing.promotions/sms/G/0", "marketing.launches", "sms", false, DecisionReason.NoConsent },
        { "marketing.promotions/sms/G/0", "marketing", "sms", false, DecisionReason.NoConsent },
        { "marketing.promotions.summer/sms/G/0", "marketing.promotions", "sms", false, DecisionReason.NoConsent },

        // A topic without records: its nearest declared ancestor's definition (consent: no record denies).
        { "", "marketing.promotions", "sms", false, DecisionReason.NoConsent },

        // A declared topic keeps its own definition, and its undeclared children inherit it rather than the root's.
        { "", "marketing.news", "sms", true, DecisionReason.NoObjection },
        { "", "marketing.news.weekly", "sms", true, DecisionReason.NoObjection },
        { "marketing/sms/W/0", "marketing.news.weekly", "sms", false, DecisionReason.Withdrawn },
        { "marketing/sms/G/0/v1", "marketing.offers", "sms", false, DecisionReason.PolicyOutdated },
        { "marketing/sms/G/0/v2", "marketing.offers", "sms", true, DecisionReason.Granted },
        { "marketing/sms/G/0/v1", "marketing", "sms", true, DecisionReason.Granted },

        // Separate consent on a topic: a bundled grant of the parent does not unlock it; its own separate grant does.
        { "marketing/sms/G/0", "marketing.profiling", "sms", false, DecisionReason.SeparateConsentRequired },
        { "marketing/sms/G/0 marketing.profiling/sms/G/1/separate", "marketing.profiling", "sms", true, DecisionReason.Granted },
        { "marketing.profiling/sms/G/0/separate", "marketing", "sms", false, DecisionReason.NoConsent },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Records_at_a_purpose_and_its_ancestors_decide_by_rule_4(
        string events, string purpose, string channel, bool allowed, DecisionReason reason)
    {
        (ConsentGate gate, SymbolTable symbols, ConsentIndex index) = Gate();
        IndexEntry[]? state = Fold(Parse(events, symbols));
        if (state is not null)
        {
            index.Set("u1", state);
        }

        ConsentDecision decision = gate.Evaluate("u1", purpose, channel);

        decision.IsAllowed.Should().Be(allowed);
        decision.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("ads.promotions")]        // no declared ancestor
    [InlineData("marketing.")]            // an empty part
    [InlineData("marketing..promotions")]
    [InlineData(".marketing")]
    [InlineData("Marketing.promotions")]  // not a purpose id
    [InlineData("marketing.promotions!")]
    [InlineData("marketingpromotions")]   // a longer id, not a child
    [InlineData("marketin")]
    public void An_id_that_is_no_topic_of_a_declared_purpose_is_an_unknown_purpose(string purpose)
    {
        (ConsentGate gate, SymbolTable symbols, ConsentIndex index) = Gate();
        index.Set("u1", [Entry(symbols, "*", G, T0)]);

        ConsentDecision decision = gate.Evaluate("u1", purpose, "sms");

        decision.IsAllowed.Should().BeFalse();
        decision.Reason.Should().Be(DecisionReason.UnknownPurpose);
    }

    [Fact]
    public void A_topic_takes_the_rule_of_its_nearest_declared_ancestor_for_its_own_id()
    {
        (Catalog catalog, SymbolTable symbols) = TopicCatalog();

        catalog.TryGetPurpose("marketing.news.weekly.monday", out PurposeRule rule).Should().BeTrue();

        rule.LegalBasis.Should().Be(LegalBasis.LegitimateInterest, "marketing.news is declared with its own basis");
        rule.Symbol.Should().Be(symbols.Intern("marketing.news.weekly.monday"));
        rule.Lineage.Should().Equal(
            symbols.Intern("marketing.news.weekly.monday"), symbols.Intern("marketing.news.weekly"), symbols.Intern("marketing.news"), symbols.Intern("marketing"));
        catalog.TryGetPurpose("marketing", out PurposeRule root).Should().BeTrue();
        root.Lineage.Should().Equal(symbols.Intern("marketing"));
        catalog.TryGetPurpose("marketing.news", out PurposeRule declared).Should().BeTrue();
        declared.Lineage.Should().Equal(symbols.Intern("marketing.news"), symbols.Intern("marketing"));
    }

    [Fact]
    public void Past_the_remembered_topics_a_topic_still_decides_from_its_records_and_those_of_its_ancestors()
    {
        (ConsentGate gate, SymbolTable symbols, ConsentIndex index) = Gate();
        for (int i = 0; i < Sdk.Model.Catalog.MaxRememberedTopics; i++)
        {
            gate.Evaluate("u1", $"marketing.t{i}", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        }

        int interned = symbols.Find("marketing.late");
        interned.Should().Be(SymbolTable.None, "a topic past the limit is not interned by a lookup");
        gate.Evaluate("u1", "marketing.late", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        symbols.Find("marketing.late").Should().Be(SymbolTable.None);

        index.Set("u1", Fold([Entry(symbols, "sms", W, T0, purpose: "marketing"), Entry(symbols, "sms", G, T0.AddMinutes(1), purpose: "marketing.late")])!);
        gate.Evaluate("u1", "marketing.late", "sms").Reason.Should().Be(DecisionReason.Granted, "a capture interned the topic since");
        gate.Evaluate("u1", "marketing.other", "sms").Reason.Should().Be(DecisionReason.Withdrawn);
    }

    [Fact]
    public void A_topic_lookup_allocates_nothing_once_the_topic_was_seen()
    {
        (ConsentGate gate, SymbolTable symbols, ConsentIndex index) = Gate();
        index.Set("u1", Fold([Entry(symbols, "sms", G, T0, purpose: "marketing.promotions")])!);
        gate.CanUse("u1", "marketing.promotions.summer", "sms").Should().BeTrue();

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool allowed = true;
        for (int i = 0; i < 1_000; i++)
        {
            allowed &= gate.CanUse("u1", "marketing.promotions.summer", "sms");
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        allowed.Should().BeTrue();
    }

    private static (ConsentGate Gate, SymbolTable Symbols, ConsentIndex Index) Gate()
    {
        (Catalog catalog, SymbolTable symbols) = TopicCatalog();
        var index = new ConsentIndex();
        return (new ConsentGate(catalog, index, new FakeTimeProvider(T0.AddDays(1))), symbols, index);
    }

    private static (Catalog Catalog, SymbolTable Symbols) TopicCatalog()
    {
        var symbols = new SymbolTable();
        PurposeDefinition[] purposes =
        [
            new() { Id = "marketing", LegalBasis = LegalBasis.Consent },
            new() { Id = "marketing.news", LegalBasis = LegalBasis.LegitimateInterest },
            new() { Id = "marketing.offers", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 2 },
            new() { Id = "marketing.profiling", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true },
        ];
        return (Sdk.Model.Catalog.Create(purposes, ["sms", "email"], symbols), symbols);
    }

    /// <summary>"purpose/channel/choice/minute[/v2][/separate]" events separated by spaces.</summary>
    private static IEnumerable<IndexEntry> Parse(string events, SymbolTable symbols)
    {
        foreach (string e in events.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] part = e.Split('/');
            ConsentChoice choice = part[2] switch { "G" => G, "D" => D, _ => W };
            yield return Entry(
                symbols,
                part[1],
                choice,
                T0.AddMinutes(int.Parse(part[3], System.Globalization.CultureInfo.InvariantCulture)),
                policyVersion: part.Contains("v2") ? 2 : 1,
                separate: part.Contains("separate"),
                purpose: part[0]);
        }
    }
}
