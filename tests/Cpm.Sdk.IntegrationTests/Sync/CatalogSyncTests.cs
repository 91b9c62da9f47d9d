using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Sync;

public sealed class CatalogSyncTests
{
    [Fact]
    public async Task Remote_purposes_and_channels_are_added_local_definitions_win_and_the_merge_survives_a_restart()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(
            temp.Directory,
            purposes:
            [
                new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.LegitimateInterest }, // conflicts with the local definition
                new PurposeDefinition { Id = "surveys", LegalBasis = LegalBasis.LegitimateInterest },
            ],
            channels: ["sms", "line"]);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.Purposes.Clear();
        options.Purposes.Add(new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent });
        options.Channels.Clear();
        options.Channels.Add("sms");

        // Opened without the background loops, so the catalog arrives only with the explicit sync below.
        await using (CpmClient client = CpmClient.Open(options, loggerFactory: null, httpClientFactory: null))
        {
            client.Evaluate("u1", "surveys", "sms").Reason.Should().Be(DecisionReason.UnknownPurpose, "before the first sync");
            SyncResult result = await client.SyncNowAsync();
            result.Status.State.Should().Be(SyncState.Online);

            client.Evaluate("u1", "surveys", "line").Should().Be(new ConsentDecision(true, DecisionReason.NoObjection, null));
            client.Evaluate("u1", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent, "the local Consent basis wins");
            (await client.RecordAsync(new ConsentCapture("u1", "surveys", "line", ConsentChoice.Denied))).Purpose.Should().Be("surveys");
        }

        options.Endpoint = null;
        options.ApiKey = null;
        await using CpmClient offline = await CpmClient.OpenAsync(options);
        offline.Evaluate("u1", "surveys", "line").Reason.Should().Be(DecisionReason.Denied, "the merged catalog and the record survive a restart offline");
    }

    [Fact]
    public async Task The_clients_purposes_and_channels_list_the_merged_catalog_with_the_endpoints_gpc_flag_and_survive_a_restart()
    {
        using var temp = new TempStore();
        var ads = new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.Consent, HonorsGpc = true, Jurisdictions = { ["CCPA"] = LegalBasis.OptOut } };
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(
            temp.Directory,
            purposes: [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent, HonorsGpc = true }, ads],
            channels: ["sms", "line"]);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.Purposes.Clear();
        options.Purposes.Add(new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }); // local wins: no GPC here
        options.Channels.Clear();
        options.Channels.Add("sms");

        await using (CpmClient client = CpmClient.Open(options, loggerFactory: null, httpClientFactory: null))
        {
            client.Purposes.Select(p => p.Id).Should().Equal("marketing");
            client.Channels.Should().Equal("sms");
            (await client.SyncNowAsync()).Status.State.Should().Be(SyncState.Online);

            client.Purposes.Should().BeEquivalentTo(new[] { new PurposeDefinition { Id = "marketing" }, ads }, o => o.WithStrictOrdering());
            client.Channels.Should().Equal("sms", "line");
            client.Purposes[1].HonorsGpc = false;
            client.Purposes[1].HonorsGpc.Should().BeTrue("each read is a copy: changing one changes nothing in the client");
        }

        options.Endpoint = null;
        options.ApiKey = null;
        await using CpmClient offline = await CpmClient.OpenAsync(options);
        offline.Purposes.Single(p => p.Id == "ads").HonorsGpc.Should().BeTrue("the saved catalog keeps the flag");
    }
}
