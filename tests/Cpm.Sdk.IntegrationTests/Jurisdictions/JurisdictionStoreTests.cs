using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Jurisdictions;

/// <summary>
/// Jurisdictions and separate consent through a real store: captured, decided, kept across a reopen, and built for
/// events stored before schema version 4.
/// </summary>
public sealed class JurisdictionStoreTests
{
    private static void Catalog(CpmOptions options)
    {
        options.Purposes.Clear();
        var marketing = new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent };
        marketing.Jurisdictions["CCPA"] = LegalBasis.OptOut;
        options.Purposes.Add(marketing);
        options.Purposes.Add(new PurposeDefinition { Id = "cross-border", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true });
    }

    [Fact]
    public async Task A_person_who_moves_from_ccpa_to_pipl_is_decided_by_their_latest_record_also_after_a_reopen()
    {
        using var store = new TempStore();
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-10);
        await using (CpmClient cpm = await store.OpenAsync(configure: Catalog))
        {
            cpm.CanUse("ana", "marketing", "sms").Should().BeFalse("no jurisdiction and no default: the purpose's own basis, consent");
            await cpm.RecordAsync(new ConsentCapture("ana", "marketing", "email", ConsentChoice.Denied) { Jurisdiction = "CCPA", OccurredAt = start });
            cpm.Evaluate("ana", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.NoObjection, null), "CCPA: opt-out, and sms was never opted out of");
            cpm.CanUse("ana", "marketing", "email").Should().BeFalse("she opted out of email");

            await cpm.RecordAsync(new ConsentCapture("ana", "cross-border", "*", ConsentChoice.Denied) { Jurisdiction = "PIPL", OccurredAt = start.AddDays(5) });
            cpm.Evaluate("ana", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent, "her latest record says PIPL: consent");

            await cpm.RecordAsync(new ConsentCapture("ana", "marketing", "sms", ConsentChoice.Granted) { Jurisdiction = "CCPA", OccurredAt = start.AddDays(1) });
            cpm.Evaluate("ana", "marketing", "sms").Reason.Should().Be(DecisionReason.Granted);
            cpm.Evaluate("ana", "marketing", "wechat").Reason.Should().Be(DecisionReason.NoConsent, "an older CCPA record arriving later does not move her back");
        }

        await using CpmClient reopened = await store.OpenAsync(configure: Catalog);
        reopened.Evaluate("ana", "marketing", "wechat").Reason.Should().Be(DecisionReason.NoConsent);
        reopened.Evaluate("ana", "marketing", "sms").Reason.Should().Be(DecisionReason.Granted);
    }

    [Fact]
    public async Task The_default_jurisdiction_applies_to_a_person_whose_records_carry_none_and_a_recorded_one_survives_a_reopen()
    {
        using var store = new TempStore();
        void WithDefault(CpmOptions o)
        {
            Catalog(o);
            o.DefaultJurisdiction = "CCPA";
        }

        await using (CpmClient cpm = await store.OpenAsync(configure: WithDefault))
        {
            await cpm.RecordAsync(new ConsentCapture("bo", "marketing", "email", ConsentChoice.Withdrawn));
            await cpm.RecordAsync(new ConsentCapture("cy", "marketing", "email", ConsentChoice.Withdrawn) { Jurisdiction = "GDPR" });

            cpm.Evaluate("bo", "marketing", "sms").Reason.Should().Be(DecisionReason.NoObjection);
            cpm.Evaluate("stranger", "marketing", "sms").Reason.Should().Be(DecisionReason.NoObjection);
            cpm.Evaluate("cy", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent, "GDPR has no override: consent");
        }

        await using CpmClient reopened = await store.OpenAsync(configure: WithDefault);
        reopened.Evaluate("cy", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent, "her recorded GDPR, not the default, after a reopen");
        reopened.Evaluate("bo", "marketing", "sms").Reason.Should().Be(DecisionReason.NoObjection);
    }

    [Fact]
    public async Task A_bundled_grant_of_a_separate_purpose_is_refused_and_changes_nothing_a_separate_one_is_kept()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync(configure: Catalog))
        {
            ArgumentException refused = (await FluentActions.Awaiting(() => cpm.RecordAsync(
                new ConsentCapture("dee", "cross-border", "*", ConsentChoice.Granted)).AsTask()).Should().ThrowAsync<ArgumentException>()).Which;
            refused.ParamName.Should().Be("capture.Separate");
            (await cpm.GetHistoryAsync("dee")).Should().BeEmpty();

            await cpm.RecordAsync(new ConsentCapture("dee", "cross-border", "sms", ConsentChoice.Withdrawn));   // no Separate needed to say no
            ConsentRecord granted = await cpm.RecordAsync(new ConsentCapture("dee", "cross-border", "email", ConsentChoice.Granted) { Separate = true });
            granted.Separate.Should().BeTrue();
            cpm.Evaluate("dee", "cross-border", "email").Should().Be(new ConsentDecision(true, DecisionReason.Granted, granted.Id));
            cpm.CanUse("dee", "cross-border", "sms").Should().BeFalse();
        }

        await using CpmClient reopened = await store.OpenAsync(configure: Catalog);
        reopened.CanUse("dee", "cross-border", "email").Should().BeTrue("the separate flag survives the reopen");
        (await reopened.GetHistoryAsync("dee")).Select(r => r.Separate).Should().Equal(false, true);
        (await reopened.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task A_receipt_names_the_lawful_basis_of_the_records_jurisdiction()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(configure: o =>
        {
            Catalog(o);
            o.DefaultJurisdiction = "CCPA";
        });
        ConsentRecord californian = await cpm.RecordAsync(new ConsentCapture("jo", "marketing", "sms", ConsentChoice.Withdrawn) { Jurisdiction = "CCPA" });
        ConsentRecord chinese = await cpm.RecordAsync(new ConsentCapture("ki", "marketing", "sms", ConsentChoice.Granted) { Jurisdiction = "PIPL" });
        ConsentRecord unstated = await cpm.RecordAsync(new ConsentCapture("lu", "marketing", "sms", ConsentChoice.Granted));

        (await cpm.GetReceiptAsync(californian.Id)).LawfulBasis.Should().Be("opt_out");
        (await cpm.GetReceiptAsync(chinese.Id)).LawfulBasis.Should().Be("consent");
        (await cpm.GetReceiptAsync(unstated.Id)).LawfulBasis.Should().Be("opt_out", "no jurisdiction on the record: the default one's basis");
    }

    [Fact]
    public async Task A_version_3_store_gets_each_persons_jurisdiction_from_the_events_it_holds()
    {
        using var store = new TempStore();
        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-10);
        await using (CpmClient cpm = await store.OpenAsync(configure: Catalog))
        {
            await cpm.RecordAsync(new ConsentCapture("eve", "marketing", "email", ConsentChoice.Denied) { Jurisdiction = "PIPL", OccurredAt = start });
            await cpm.RecordAsync(new ConsentCapture("eve", "marketing", "app-push", ConsentChoice.Denied) { Jurisdiction = "CCPA", OccurredAt = start.AddDays(2) });
            await cpm.RecordAsync(new ConsentCapture("eve", "marketing", "wechat", ConsentChoice.Denied) { Jurisdiction = "PIPL", OccurredAt = start.AddDays(1) });
            await cpm.RecordAsync(new ConsentCapture("fay", "marketing", "email", ConsentChoice.Denied) { Jurisdiction = "PIPL", OccurredAt = start });
            await cpm.RecordAsync(new ConsentCapture("gus", "marketing", "email", ConsentChoice.Denied) { OccurredAt = start });
        }

        var file = new AuditStoreFile(store.DatabasePath);
        file.Sql(AuditStoreFile.UndoVersion6 + AuditStoreFile.UndoVersion5);
        file.Sql("""
            DELETE FROM state WHERE purpose = '';
            ALTER TABLE events DROP COLUMN separate; ALTER TABLE state DROP COLUMN separate; ALTER TABLE state DROP COLUMN jurisdiction;
            PRAGMA user_version = 3;
            """);

        await using CpmClient migrated = await store.OpenAsync(configure: Catalog);

        file.Scalar("PRAGMA user_version").Should().Be(Storage.Schema.LatestVersion);
        migrated.Evaluate("eve", "marketing", "sms").Reason.Should().Be(DecisionReason.NoObjection, "her latest record carries CCPA");
        migrated.Evaluate("fay", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        migrated.Evaluate("gus", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        file.Scalar("SELECT count(*) FROM state WHERE purpose = ''").Should().Be(2, "one jurisdiction row per person who has one");
        (await migrated.VerifyAuditAsync()).IsIntact.Should().BeTrue("leaves do not change: separate is in a leaf only when true");
    }
}
