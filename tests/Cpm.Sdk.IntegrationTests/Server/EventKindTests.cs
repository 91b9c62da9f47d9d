using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.ReferenceServer;
using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Issue 8 §6: the reference server stores and serves links, unlinks and erasures as <see cref="WireRules"/> defines
/// them (no catalog entry needed: they name no purpose), byte for byte as pushed; and serves the per-jurisdiction catalog.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class EventKindTests
{
    [Fact]
    public async Task Links_unlinks_and_erasures_are_accepted_stored_and_pulled_back_byte_identical()
    {
        using var temp = new TempStore();
        string path = Path.Combine(temp.Directory, "server.db");
        await using LogServer server = await LogServer.StartAsync(path);
        WireEvent scrubbedGrant = AuditLeaf.Scrub(KindEvents.Grant("someone-else", evidence: new() { ["ip"] = "192.0.2.1" }));
        WireEvent[] pushed =
        [
            KindEvents.Link("user-1", "phone:+8613800000000"),
            KindEvents.Link("user-1", "wechat:oAbC-openId_42", TimeSpan.FromSeconds(1)),
            KindEvents.Unlink("phone:+8613800000000", "user-1", TimeSpan.FromSeconds(2)),
            KindEvents.Unlink("email:nobody@example.com", null, TimeSpan.FromSeconds(3)),
            KindEvents.Erasure("user-9", TimeSpan.FromSeconds(4)),
            KindEvents.Grant("user-1", TimeSpan.FromSeconds(5)),
            scrubbedGrant,
            AuditLeaf.Scrub(KindEvents.Link("someone-else", "phone:+8613811112222", TimeSpan.FromSeconds(6))),
        ];

        await server.PushAsync(pushed.Select(KindEvents.Node));
        List<WireEvent> pulled = await server.PullAllAsync();

        pulled.Select(KindEvents.WithoutSeq).Should().Equal(pushed.Select(KindEvents.Text), "every kind is stored and served in the canonical form it was pushed in");
        pulled.Select(e => e.Seq).Should().Equal(Enumerable.Range(0, pushed.Length).Select(i => (long?)i));
        LogServer.Checkpoint checkpoint = await server.CheckpointAsync();
        MerkleLog.RootOf(LogServer.Leaves(pulled)).Should().Equal(checkpoint.Root, "the server's log holds the leaf every instance rebuilds");
        (long index, IReadOnlyList<byte[]> proof) = await server.InclusionAsync(pulled[4].Id!, checkpoint.Size);
        MerkleLog.VerifyInclusion(index, checkpoint.Size, AuditLeaf.Hash(pushed[4]), proof, checkpoint.Root).Should().BeTrue("an erasure is proven like any event");

        var file = new DatabaseFile(path);
        file.Scalar("SELECT count(*) FROM events WHERE purpose = '' AND channel = ''").Should().Be(6L, "links, unlinks and erasures name no purpose or channel");
        file.Scalar("SELECT count(*) FROM events WHERE subject_hash IS NULL").Should().Be(4L, "events without a user id in clear (an unlink of no one, an erasure, scrubbed events) have no subject to find");
        file.Tombstones().Should().ContainSingle().Which.SubjectHash.Should().Be(WireFormat.SubjectHash("user-9"));
    }

    [Fact]
    public async Task An_unlink_or_an_erasure_dated_ahead_of_the_server_clock_is_accepted_and_a_link_is_not()
    {
        await using RawServer server = await RawServer.StartAsync();
        TimeSpan ahead = RawServer.ServerNow - RawServer.EventTime + TimeSpan.FromMinutes(10);

        JsonArray results = await server.PushResultsAsync(RawServer.Body(
            KindEvents.Text(KindEvents.Unlink("phone:+8613800000000", "user-1", ahead)),
            KindEvents.Text(KindEvents.Erasure("user-1", ahead)),
            KindEvents.Text(KindEvents.Link("user-1", "phone:+8613800000000", ahead))));

        results.Select(r => (string?)r!["status"]).Should().Equal("accepted", "accepted", "rejected");
        ((string?)results[2]!["error"]).Should().Contain("occurredAt is more than 5 minutes ahead", "a link can let messages through, like a grant");
    }

    [Fact]
    public async Task The_catalog_carries_each_purposes_jurisdictions_separate_consent_and_gpc_flag()
    {
        using var temp = new TempStore();
        var marketing = new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true, HonorsGpc = true };
        marketing.Jurisdictions["CCPA"] = LegalBasis.OptOut;
        marketing.Jurisdictions["PIPL"] = LegalBasis.Consent;
        var analytics = new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest };
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, purposes: [marketing, analytics]);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", SyncHarness.ApiKey);

        using HttpResponseMessage response = await http.GetAsync("v1/catalog");
        string text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode json = JsonNode.Parse(text)!;
        json["purposes"]![0]!["jurisdictions"]!.ToJsonString().Should().Be("""{"CCPA":"optOut","PIPL":"consent"}""");
        ((bool?)json["purposes"]![0]!["requiresSeparateConsent"]).Should().BeTrue();
        ((bool?)json["purposes"]![0]!["honorsGpc"]).Should().BeTrue();
        json["purposes"]![1]!.AsObject().Should().NotContainKey("jurisdictions").And.NotContainKey("requiresSeparateConsent").And.NotContainKey("honorsGpc");
        WireCatalog catalog = JsonSerializer.Deserialize(text, ProtocolJson.WireCatalog)!;
        CatalogRules.SameRules(CatalogRules.ToDefinition(catalog.Purposes![0])!, marketing).Should().BeTrue("a client reads back the rules the server declares");
    }
}
