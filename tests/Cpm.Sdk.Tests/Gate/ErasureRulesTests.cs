using Microsoft.Extensions.Time.Testing;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>How an erasure decides: every basis but contract and legal obligation is Erased until the person's own choice since.</summary>
public sealed class ErasureRulesTests
{
    private static readonly DateTimeOffset ErasedAt = T0.AddDays(1);

    public static TheoryData<LegalBasis, bool, DecisionReason> NothingSince => new()
    {
        { LegalBasis.Consent, false, DecisionReason.Erased },
        { LegalBasis.LegitimateInterest, false, DecisionReason.Erased },
        { LegalBasis.OptOut, false, DecisionReason.Erased },
        { LegalBasis.Contract, true, DecisionReason.LegalBasis },
        { LegalBasis.LegalObligation, true, DecisionReason.LegalBasis },
    };

    [Theory]
    [MemberData(nameof(NothingSince))]
    public void An_erased_person_with_nothing_since_is_erased_except_under_a_contract_or_legal_obligation(LegalBasis basis, bool allowed, DecisionReason reason)
    {
        var (catalog, _) = Catalog(basis);
        var tombstones = new Tombstones();
        tombstones.Add(SubjectKey.Of("gone"), new Tombstone(Guid.CreateVersion7(), ErasedAt.ToUnixTimeMilliseconds()));
        var gate = new ConsentGate(catalog, new ConsentIndex(), new FakeTimeProvider(ErasedAt.AddDays(1)), new AliasIndex(), tombstones);

        gate.Evaluate("gone", "marketing", "sms").Should().Be(new ConsentDecision(allowed, reason, null), "the person is known only by the tombstone");
        gate.Evaluate("other", "marketing", "sms").Reason.Should().NotBe(DecisionReason.Erased, "nobody else is erased");

        ConsentGate back = LegalBasisTableTests.GateWith(catalog, "gone", [IndexEntry.ForErasure(Guid.CreateVersion7(), ErasedAt.ToUnixTimeMilliseconds())], ErasedAt.AddDays(1));
        back.Evaluate("gone", "marketing", "sms").Should().Be(new ConsentDecision(allowed, reason, null), "the mark of the erasure decides alike");
    }

    [Theory]
    [InlineData(LegalBasis.Consent, ConsentChoice.Granted, true, DecisionReason.Granted)]
    [InlineData(LegalBasis.Consent, ConsentChoice.Withdrawn, false, DecisionReason.Withdrawn)]
    [InlineData(LegalBasis.LegitimateInterest, ConsentChoice.Granted, true, DecisionReason.Granted)]
    [InlineData(LegalBasis.OptOut, ConsentChoice.Denied, false, DecisionReason.Denied)]
    public void A_choice_made_after_the_erasure_decides_as_usual(LegalBasis basis, ConsentChoice choice, bool allowed, DecisionReason reason)
    {
        var (catalog, symbols) = Catalog(basis);
        IndexEntry since = Entry(symbols, "sms", choice, ErasedAt.AddHours(1));
        ConsentGate gate = LegalBasisTableTests.GateWith(
            catalog, "back", [IndexEntry.ForErasure(Guid.CreateVersion7(), ErasedAt.ToUnixTimeMilliseconds()), since], ErasedAt.AddDays(1));

        gate.Evaluate("back", "marketing", "sms").Should().Be(new ConsentDecision(allowed, reason, since.Id));
        gate.Evaluate("back", "marketing", "email").Reason.Should().Be(basis is LegalBasis.Contract or LegalBasis.LegalObligation ? DecisionReason.LegalBasis : DecisionReason.Erased,
            "nothing since decides email");
    }

    [Fact]
    public void A_lapsed_grant_since_the_erasure_leaves_legitimate_interest_erased_and_consent_expired()
    {
        var (li, liSymbols) = Catalog(LegalBasis.LegitimateInterest);
        var (consent, consentSymbols) = Catalog(LegalBasis.Consent);
        IndexEntry mark = IndexEntry.ForErasure(Guid.CreateVersion7(), ErasedAt.ToUnixTimeMilliseconds());
        DateTimeOffset now = ErasedAt.AddDays(3);

        LegalBasisTableTests.GateWith(li, "u", [mark, Entry(liSymbols, "sms", ConsentChoice.Granted, ErasedAt.AddHours(1), expiresAt: ErasedAt.AddDays(2))], now)
            .Evaluate("u", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Erased, null));
        LegalBasisTableTests.GateWith(consent, "u", [mark, Entry(consentSymbols, "sms", ConsentChoice.Granted, ErasedAt.AddHours(1), expiresAt: ErasedAt.AddDays(2))], now)
            .Evaluate("u", "marketing", "sms").Reason.Should().Be(DecisionReason.Expired);
    }

    [Fact]
    public void Deciding_for_an_erased_person_allocates_nothing()
    {
        var (catalog, _) = Catalog(LegalBasis.LegitimateInterest);
        var tombstones = new Tombstones();
        tombstones.Add(SubjectKey.Of("gone"), new Tombstone(Guid.CreateVersion7(), 1));
        var gate = new ConsentGate(catalog, new ConsentIndex(), TimeProvider.System, new AliasIndex(), tombstones);
        gate.Evaluate("gone", "marketing", "sms");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            gate.Evaluate("gone", "marketing", "sms");
            gate.Evaluate("someone", "marketing", "sms");
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
