using Cpm.Sdk.Gate;
using Microsoft.Extensions.Time.Testing;
using static Cpm.Sdk.Tests.Gate.Entries;
using static Cpm.Sdk.Tests.Gate.LegalBasisTableTests;

namespace Cpm.Sdk.Tests.Gate;

public sealed class DecisionRulesTests
{
    [Fact]
    public void Unknown_purpose_denies()
    {
        var (catalog, _) = Catalog(LegalBasis.Contract);
        var gate = new ConsentGate(catalog, new ConsentIndex(), TimeProvider.System);

        gate.Evaluate("u1", "profiling", "sms").Should().Be(new ConsentDecision(false, DecisionReason.UnknownPurpose, null));
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("*")]
    [InlineData("SMS")]
    public void Unknown_or_wildcard_channel_denies_even_for_contract(string channel)
    {
        var (catalog, _) = Catalog(LegalBasis.Contract);
        var gate = new ConsentGate(catalog, new ConsentIndex(), TimeProvider.System);

        gate.Evaluate("u1", "marketing", channel).Should().Be(new ConsentDecision(false, DecisionReason.UnknownChannel, null));
    }

    [Fact]
    public void Grant_past_its_expiry_denies_as_expired()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        IndexEntry grant = Entry(symbols, "sms", ConsentChoice.Granted, T0, expiresAt: T0.AddDays(30));

        GateWith(catalog, "u1", [grant], T0.AddDays(30).AddMilliseconds(-1)).Evaluate("u1", "marketing", "sms")
            .Should().Be(new ConsentDecision(true, DecisionReason.Granted, grant.Id));
        GateWith(catalog, "u1", [grant], T0.AddDays(30)).Evaluate("u1", "marketing", "sms")
            .Should().Be(new ConsentDecision(false, DecisionReason.Expired, grant.Id));
    }

    [Fact]
    public void Grant_older_than_the_purpose_validity_denies_as_expired()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, validity: TimeSpan.FromDays(365));
        IndexEntry grant = Entry(symbols, "sms", ConsentChoice.Granted, T0);

        GateWith(catalog, "u1", [grant], T0.AddDays(364)).CanUse("u1", "marketing", "sms").Should().BeTrue();
        GateWith(catalog, "u1", [grant], T0.AddDays(365)).Evaluate("u1", "marketing", "sms").Reason.Should().Be(DecisionReason.Expired);
    }

    [Fact]
    public void A_grant_that_cannot_lapse_is_decided_without_reading_the_clock_and_one_that_can_reads_it_once()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        var clock = new CountingClock(T0);
        var index = new ConsentIndex();
        index.Set("forever", [Entry(symbols, "sms", ConsentChoice.Granted, T0)]);
        index.Set("for-a-day", [Entry(symbols, "sms", ConsentChoice.Granted, T0, expiresAt: T0.AddDays(1))]);
        var gate = new ConsentGate(catalog, index, clock);

        gate.CanUse("forever", "marketing", "sms").Should().BeTrue();
        clock.Reads.Should().Be(0, "the hot path of a grant without expiry or validity reads no clock");
        gate.CanUse("for-a-day", "marketing", "sms").Should().BeTrue();
        clock.Reads.Should().Be(1);
    }

    private sealed class CountingClock(DateTimeOffset now) : TimeProvider
    {
        public int Reads { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            Reads++;
            return now;
        }
    }

    [Fact]
    public void Clock_moving_past_expiry_flips_the_decision_without_any_write()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        IndexEntry grant = Entry(symbols, "sms", ConsentChoice.Granted, T0, expiresAt: T0.AddHours(1));
        var clock = new FakeTimeProvider(T0);
        var index = new ConsentIndex();
        index.Set("u1", [grant]);
        var gate = new ConsentGate(catalog, index, clock);

        gate.CanUse("u1", "marketing", "sms").Should().BeTrue();
        clock.Advance(TimeSpan.FromHours(1));
        gate.CanUse("u1", "marketing", "sms").Should().BeFalse();
    }

    [Theory]
    [InlineData(1, false, DecisionReason.PolicyOutdated)]
    [InlineData(2, true, DecisionReason.Granted)]
    [InlineData(3, true, DecisionReason.Granted)]
    public void Grant_under_an_older_notice_than_the_minimum_is_outdated(int policyVersion, bool allowed, DecisionReason reason)
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent, minimumPolicyVersion: 2);
        IndexEntry grant = Entry(symbols, "sms", ConsentChoice.Granted, T0, policyVersion: policyVersion);

        ConsentDecision decision = GateWith(catalog, "u1", [grant], T0).Evaluate("u1", "marketing", "sms");

        decision.IsAllowed.Should().Be(allowed);
        decision.Reason.Should().Be(reason);
    }

    [Fact]
    public void Lapsed_grant_under_legitimate_interest_falls_back_to_no_objection()
    {
        var (catalog, symbols) = Catalog(LegalBasis.LegitimateInterest, minimumPolicyVersion: 2);
        IndexEntry grant = Entry(symbols, "sms", ConsentChoice.Granted, T0, policyVersion: 1);

        GateWith(catalog, "u1", [grant], T0).Evaluate("u1", "marketing", "sms").Should()
            .Be(new ConsentDecision(true, DecisionReason.NoObjection, grant.Id));
    }

    [Fact]
    public void Later_withdrawal_on_all_channels_beats_earlier_grant_on_one_channel()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        IndexEntry smsGrant = Entry(symbols, "sms", ConsentChoice.Granted, T0);
        IndexEntry allWithdrawn = Entry(symbols, "*", ConsentChoice.Withdrawn, T0.AddMinutes(1));
        ConsentGate gate = GateWith(catalog, "u1", [smsGrant, allWithdrawn], T0.AddHours(1));

        gate.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, allWithdrawn.Id));
        gate.Evaluate("u1", "marketing", "email").Reason.Should().Be(DecisionReason.Withdrawn);
    }

    [Fact]
    public void Later_grant_on_one_channel_beats_earlier_withdrawal_on_all_channels()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        IndexEntry allWithdrawn = Entry(symbols, "*", ConsentChoice.Withdrawn, T0);
        IndexEntry smsGrant = Entry(symbols, "sms", ConsentChoice.Granted, T0.AddMinutes(1));
        ConsentGate gate = GateWith(catalog, "u1", [allWithdrawn, smsGrant], T0.AddHours(1));

        gate.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, smsGrant.Id));
        gate.Evaluate("u1", "marketing", "email").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, allWithdrawn.Id));
    }

    [Theory]
    [InlineData(ConsentChoice.Granted, ConsentChoice.Denied, ConsentChoice.Denied)]
    [InlineData(ConsentChoice.Granted, ConsentChoice.Withdrawn, ConsentChoice.Withdrawn)]
    [InlineData(ConsentChoice.Denied, ConsentChoice.Withdrawn, ConsentChoice.Withdrawn)]
    public void On_an_exact_timestamp_tie_the_restrictive_choice_wins_across_wildcard(ConsentChoice a, ConsentChoice b, ConsentChoice winner)
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);

        // Ids are ordered against the expected winner, so only restrictiveness can make it win.
        Guid low = Guid.Parse("01000000-0000-7000-8000-000000000000");
        Guid high = Guid.Parse("ff000000-0000-7000-8000-000000000000");
        IndexEntry onSms = Entry(symbols, "sms", a, T0, id: high);
        IndexEntry onAll = Entry(symbols, "*", b, T0, id: low);

        ConsentDecision decision = GateWith(catalog, "u1", [onSms, onAll], T0).Evaluate("u1", "marketing", "sms");

        decision.RecordId.Should().Be(winner == b ? low : high);
    }

    [Fact]
    public void On_a_full_tie_the_greater_id_wins()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        Guid low = Guid.Parse("01a20815-0000-7000-8000-000000000000");
        Guid high = Guid.Parse("01a20815-0000-7000-8000-000000000001");

        GateWith(catalog, "u1", [Entry(symbols, "sms", ConsentChoice.Denied, T0, id: high), Entry(symbols, "*", ConsentChoice.Denied, T0, id: low)], T0)
            .Evaluate("u1", "marketing", "sms").RecordId.Should().Be(high);
    }

    [Fact]
    public void Arguments_may_not_be_null()
    {
        var (catalog, _) = Catalog(LegalBasis.Consent);
        var gate = new ConsentGate(catalog, new ConsentIndex(), TimeProvider.System);

        FluentActions.Invoking(() => gate.Evaluate(null!, "marketing", "sms")).Should().Throw<ArgumentNullException>().WithParameterName("userId");
        FluentActions.Invoking(() => gate.Evaluate("u1", null!, "sms")).Should().Throw<ArgumentNullException>().WithParameterName("purpose");
        FluentActions.Invoking(() => gate.Evaluate("u1", "marketing", null!)).Should().Throw<ArgumentNullException>().WithParameterName("channel");
        FluentActions.Invoking(() => gate.Filter(null!, "marketing", "sms")).Should().Throw<ArgumentNullException>().WithParameterName("userIds");
    }

    [Fact]
    public void Every_decision_reason_is_reachable()
    {
        var reached = new HashSet<DecisionReason>();
        foreach ((LegalBasis basis, bool separate) in Enum.GetValues<LegalBasis>().SelectMany(b => new[] { (b, false), (b, true) }))
        {
            var (catalog, symbols) = Catalog(basis, minimumPolicyVersion: 2, requiresSeparateConsent: separate);
            foreach (ConsentChoice choice in Enum.GetValues<ConsentChoice>())
            {
                foreach (IndexEntry entry in new[]
                {
                    Entry(symbols, "sms", choice, T0, policyVersion: 2),
                    Entry(symbols, "sms", choice, T0, policyVersion: 1),
                    Entry(symbols, "sms", choice, T0, policyVersion: 2, expiresAt: T0.AddSeconds(1)),
                })
                {
                    ConsentGate gate = GateWith(catalog, "u1", [entry], T0.AddDays(1));
                    reached.Add(gate.Evaluate("u1", "marketing", "sms").Reason);
                    reached.Add(gate.Evaluate("u2", "marketing", "sms").Reason);
                    reached.Add(gate.Evaluate("u1", "unknown", "sms").Reason);
                    reached.Add(gate.Evaluate("u1", "marketing", "fax").Reason);
                    reached.Add(gate.EvaluateAlias("phone:+8613800000000", "marketing", "sms").Reason);
                    reached.Add(GateWith(catalog, "u1", [IndexEntry.ForErasure(Guid.CreateVersion7(), 0)], T0).Evaluate("u1", "marketing", "sms").Reason);
                }
            }
        }

        reached.Should().BeEquivalentTo(
            Enum.GetValues<DecisionReason>().Except([DecisionReason.FrequencyCapped]),
            "every reason but FrequencyCapped, which only the send guard answers, is the gate's");
    }
}
