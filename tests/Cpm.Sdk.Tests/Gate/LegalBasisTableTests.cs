using Cpm.Sdk.Gate;
using Microsoft.Extensions.Time.Testing;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>Every row of the legal-basis table in DESIGN.md, for nothing recorded and for each choice.</summary>
public sealed class LegalBasisTableTests
{
    public static TheoryData<LegalBasis, ConsentChoice?, bool, DecisionReason> Table => new()
    {
        { LegalBasis.Consent, null, false, DecisionReason.NoConsent },
        { LegalBasis.Consent, ConsentChoice.Granted, true, DecisionReason.Granted },
        { LegalBasis.Consent, ConsentChoice.Denied, false, DecisionReason.Denied },
        { LegalBasis.Consent, ConsentChoice.Withdrawn, false, DecisionReason.Withdrawn },
        { LegalBasis.LegitimateInterest, null, true, DecisionReason.NoObjection },
        { LegalBasis.LegitimateInterest, ConsentChoice.Granted, true, DecisionReason.Granted },
        { LegalBasis.LegitimateInterest, ConsentChoice.Denied, false, DecisionReason.Denied },
        { LegalBasis.LegitimateInterest, ConsentChoice.Withdrawn, false, DecisionReason.Withdrawn },
        { LegalBasis.Contract, null, true, DecisionReason.LegalBasis },
        { LegalBasis.Contract, ConsentChoice.Granted, true, DecisionReason.LegalBasis },
        { LegalBasis.Contract, ConsentChoice.Denied, true, DecisionReason.LegalBasis },
        { LegalBasis.Contract, ConsentChoice.Withdrawn, true, DecisionReason.LegalBasis },
        { LegalBasis.LegalObligation, null, true, DecisionReason.LegalBasis },
        { LegalBasis.LegalObligation, ConsentChoice.Granted, true, DecisionReason.LegalBasis },
        { LegalBasis.LegalObligation, ConsentChoice.Denied, true, DecisionReason.LegalBasis },
        { LegalBasis.LegalObligation, ConsentChoice.Withdrawn, true, DecisionReason.LegalBasis },
        { LegalBasis.OptOut, null, true, DecisionReason.NoObjection },
        { LegalBasis.OptOut, ConsentChoice.Granted, true, DecisionReason.Granted },
        { LegalBasis.OptOut, ConsentChoice.Denied, false, DecisionReason.Denied },
        { LegalBasis.OptOut, ConsentChoice.Withdrawn, false, DecisionReason.Withdrawn },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decision_follows_the_legal_basis_table(LegalBasis basis, ConsentChoice? recorded, bool allowed, DecisionReason reason)
    {
        var (catalog, symbols) = Catalog(basis);
        IndexEntry[]? entries = recorded is { } choice ? [Entry(symbols, "sms", choice, T0)] : null;
        var gate = new ConsentGate(catalog, new ConsentIndex(), new FakeTimeProvider(T0.AddDays(1)));
        if (entries is not null)
        {
            gate = GateWith(catalog, "u1", entries, T0.AddDays(1));
        }

        ConsentDecision decision = gate.Evaluate("u1", "marketing", "sms");

        decision.IsAllowed.Should().Be(allowed);
        decision.Reason.Should().Be(reason);
        decision.RecordId.Should().Be(entries?[0].Id);
    }

    internal static ConsentGate GateWith(Sdk.Model.Catalog catalog, string userId, IndexEntry[] entries, DateTimeOffset now)
    {
        var index = new ConsentIndex();
        index.Set(userId, entries);
        return new ConsentGate(catalog, index, new FakeTimeProvider(now));
    }
}
