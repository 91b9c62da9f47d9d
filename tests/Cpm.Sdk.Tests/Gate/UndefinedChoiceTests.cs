using Cpm.Sdk.Gate;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;
using static Cpm.Sdk.Tests.Gate.Entries;
using static Cpm.Sdk.Tests.Gate.LegalBasisTableTests;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>
/// Fail closed on a choice that is not Granted, Denied or Withdrawn (a damaged row, a value from a newer build):
/// only an explicit grant can allow, and such a value never wins a tie as a grant.
/// </summary>
public sealed class UndefinedChoiceTests
{
    [Theory]
    [InlineData(LegalBasis.Consent, 3)]
    [InlineData(LegalBasis.Consent, -1)]
    [InlineData(LegalBasis.Consent, 42)]
    [InlineData(LegalBasis.LegitimateInterest, 3)]
    [InlineData(LegalBasis.LegitimateInterest, int.MaxValue)]
    [InlineData(LegalBasis.Consent, 256)]              // its low byte is Granted's value: it must not read as a grant
    [InlineData(LegalBasis.LegitimateInterest, 512)]
    public void Undefined_choice_denies(LegalBasis basis, int choice)
    {
        var (catalog, symbols) = Catalog(basis);
        IndexEntry damaged = Entry(symbols, "sms", (ConsentChoice)choice, T0);

        ConsentDecision decision = GateWith(catalog, "u1", [damaged], T0).Evaluate("u1", "marketing", "sms");

        decision.Should().Be(new ConsentDecision(false, DecisionReason.Denied, damaged.Id));
    }

    [Theory]
    [InlineData(ConsentChoice.Granted)]
    [InlineData(ConsentChoice.Denied)]
    [InlineData(ConsentChoice.Withdrawn)]
    public void Undefined_choice_outranks_every_defined_choice_on_a_tie(ConsentChoice defined)
    {
        var (_, symbols) = Catalog(LegalBasis.Consent);
        Guid id = Guid.CreateVersion7(T0);
        IndexEntry damaged = Entry(symbols, "sms", (ConsentChoice)7, T0, id);
        IndexEntry other = Entry(symbols, "sms", defined, T0, id);

        EventOrder.Compare(damaged, other).Should().BePositive();
        EventOrder.Compare(other, damaged).Should().BeNegative();
    }

    [Fact]
    public void Restrictiveness_ranks_withdrawn_over_denied_over_granted()
    {
        EventOrder.Restrictiveness(ConsentChoice.Granted).Should().Be(0);
        EventOrder.Restrictiveness(ConsentChoice.Denied).Should().Be(1);
        EventOrder.Restrictiveness(ConsentChoice.Withdrawn).Should().Be(2);
        EventOrder.Restrictiveness((ConsentChoice)9).Should().Be(3);
    }

    [Fact]
    public async Task Damaged_choice_in_the_state_table_denies_after_reopen()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            await cpm.RecordAsync(new ConsentCapture("u1", "analytics", "sms", ConsentChoice.Granted));
            await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        }

        using (var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand damage = connection.CreateCommand();
            damage.CommandText = "UPDATE state SET choice = 7 WHERE user_id = 'u1'";
            damage.ExecuteNonQuery().Should().Be(2);
        }

        await using CpmClient reopened = await store.OpenAsync();
        reopened.Evaluate("u1", "marketing", "sms").Reason.Should().Be(DecisionReason.Denied);
        reopened.Evaluate("u1", "analytics", "sms").Should().Match<ConsentDecision>(d => !d.IsAllowed && d.Reason == DecisionReason.Denied);
    }
}
