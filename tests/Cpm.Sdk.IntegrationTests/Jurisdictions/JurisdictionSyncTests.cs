using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Jurisdictions;

/// <summary>
/// Across instances: the endpoint's catalog carries per-jurisdiction bases and separate consent, a bundled grant made
/// elsewhere decides <see cref="DecisionReason.SeparateConsentRequired"/> here, and a separate one travels intact.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class JurisdictionSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_endpoints_catalog_brings_jurisdictions_and_separate_consent_and_a_bundled_grant_from_elsewhere_does_not_unlock()
    {
        using var temp = new TempStore();
        var transfer = new PurposeDefinition { Id = "transfer", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true };
        var ads = new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.Consent };
        ads.Jurisdictions["CCPA"] = LegalBasis.OptOut;
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(
            temp.Directory,
            purposes:
            [
                new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent },
                transfer,
                ads,
            ]);

        // A knows only marketing locally; the rest comes from the endpoint's catalog.
        await using CpmClient a = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "a.db"));

        // B is an older deployment whose local catalog says nothing of separate consent, so it records a bundled grant.
        CpmOptions bOptions = SyncHarness.ClientOptions(temp, server.BaseAddress, databaseName: "b.db");
        bOptions.Purposes.Add(new PurposeDefinition { Id = "transfer", LegalBasis = LegalBasis.Consent });
        await using CpmClient b = await CpmClient.OpenAsync(bOptions);

        await SyncHarness.EventuallyAsync(() => a.Evaluate("x", "ads", "sms").Reason != DecisionReason.UnknownPurpose, Deadline, "A has the endpoint's catalog");
        ConsentRecord bundled = await b.RecordAsync(new ConsentCapture("han", "transfer", "*", ConsentChoice.Granted) { Jurisdiction = "CCPA" });
        ConsentRecord separate = await b.RecordAsync(new ConsentCapture("ivy", "transfer", "email", ConsentChoice.Granted) { Separate = true });

        await SyncHarness.EventuallyAsync(() => a.Evaluate("ivy", "transfer", "email").IsAllowed, Deadline, "A sees ivy's separate grant");
        await SyncHarness.EventuallyAsync(() => a.Evaluate("han", "transfer", "sms").RecordId == bundled.Id, Deadline, "A has han's grant");

        a.Evaluate("han", "transfer", "sms").Should().Be(new ConsentDecision(false, DecisionReason.SeparateConsentRequired, bundled.Id));
        a.Evaluate("ivy", "transfer", "email").Should().Be(new ConsentDecision(true, DecisionReason.Granted, separate.Id));
        a.Evaluate("han", "ads", "sms").Should().Be(new ConsentDecision(true, DecisionReason.NoObjection, null), "han's record carries CCPA: ads are opt-out");
        a.Evaluate("ivy", "ads", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        (await a.GetHistoryAsync("ivy")).Single().Separate.Should().BeTrue();
        (await a.VerifyAuditAsync()).IsIntact.Should().BeTrue("the pulled separate grant has the same leaf here as at B");
    }
}
