using Cpm.Sdk.AspNetCore.PreferenceCenter;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>The line under a box: the state, since when, through which purpose, under which notice version.</summary>
public sealed class CellStateTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 5, 9, 7, 0, TimeSpan.Zero);
    private static readonly PurposeDefinition Marketing = new() { Id = "marketing", LegalBasis = LegalBasis.Consent };
    private static readonly ShownPurpose Topic = new("marketing.promotions", 1, 0, Marketing);
    private static readonly ShownPurpose Purpose = new("marketing", 0, -1, Marketing);

    [Theory]
    [InlineData(DecisionReason.Granted, true, "On since 5 Mar 2026, 09:07 · notice v3")]
    [InlineData(DecisionReason.Withdrawn, false, "Off since 5 Mar 2026, 09:07 · notice v3")]
    [InlineData(DecisionReason.Denied, false, "Off since 5 Mar 2026, 09:07 · notice v3")]
    public void A_choice_of_the_box_itself_shows_its_date_and_notice_version_and_no_parent(DecisionReason reason, bool allowed, string expected)
    {
        ConsentRecord record = Record("marketing", reason == DecisionReason.Granted ? ConsentChoice.Granted : ConsentChoice.Withdrawn);

        Describe(new ConsentDecision(allowed, reason, record.Id), record, Purpose).Should().Be(expected);
    }

    [Fact]
    public void A_topic_decided_by_its_purposes_record_names_the_purpose()
    {
        ConsentRecord record = Record("marketing", ConsentChoice.Granted);

        Describe(new ConsentDecision(true, DecisionReason.Granted, record.Id), record, Topic)
            .Should().Be("On since 5 Mar 2026, 09:07 · through “marketing” · notice v3");
    }

    [Fact]
    public void A_topic_decided_by_its_own_record_names_no_parent()
    {
        ConsentRecord record = Record("marketing.promotions", ConsentChoice.Withdrawn);

        Describe(new ConsentDecision(false, DecisionReason.Withdrawn, record.Id), record, Topic)
            .Should().Be("Off since 5 Mar 2026, 09:07 · notice v3");
    }

    [Theory]
    [InlineData(DecisionReason.Granted, true, "On since —")]
    [InlineData(DecisionReason.Withdrawn, false, "Off since —")]
    [InlineData(DecisionReason.Expired, false, "Off: your choice of — has expired")]
    public void A_decision_whose_record_the_history_does_not_hold_shows_a_dash_for_the_date(DecisionReason reason, bool allowed, string expected)
    {
        Describe(new ConsentDecision(allowed, reason, Guid.NewGuid()), null, Purpose).Should().Be(expected);
    }

    [Theory]
    [InlineData(DecisionReason.NoObjection, true, "On: you have not objected")]
    [InlineData(DecisionReason.Expired, false, "Off: your choice of 5 Mar 2026, 09:07 has expired")]
    [InlineData(DecisionReason.PolicyOutdated, false, "Off: the notice changed after your choice of 5 Mar 2026, 09:07")]
    [InlineData(DecisionReason.NoConsent, false, "Off: not chosen yet")]
    public void Only_an_on_or_off_choice_shows_the_parent_and_the_notice_version(DecisionReason reason, bool allowed, string expected)
    {
        ConsentRecord record = Record("marketing", ConsentChoice.Granted);

        Describe(new ConsentDecision(allowed, reason, record.Id), record, Topic).Should().Be(expected);
    }

    private static string Describe(ConsentDecision decision, ConsentRecord? record, ShownPurpose purpose)
    {
        var context = new PreferenceCenterContext(Options.Create(new PreferenceCenterOptions()), Options.Create(new CpmOptions()));
        return CellState.Describe(new PreferenceCell(decision, record), purpose, PageText.For("en"), context, "en");
    }

    private static ConsentRecord Record(string purpose, ConsentChoice choice) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = "mei.lin",
        Purpose = purpose,
        Channel = "sms",
        Choice = choice,
        PolicyVersion = 3,
        Source = "web",
        OccurredAt = At,
        RecordedAt = At,
        Origin = "test",
    };
}
