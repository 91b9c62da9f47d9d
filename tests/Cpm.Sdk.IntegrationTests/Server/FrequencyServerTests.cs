using System.Text.Json.Nodes;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// The reference server keeps a grant's frequency as it was pushed: stored, returned on a pull in the canonical form,
/// and in the event's leaf; an event without one comes back without the member.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class FrequencyServerTests
{
    [Fact]
    public async Task A_grant_with_a_frequency_is_stored_and_pulled_with_it_and_one_without_comes_back_without_the_member()
    {
        await using RawServer server = await RawServer.StartAsync();
        JsonObject capped = RawServer.Event();
        capped["frequency"] = new JsonObject { ["period"] = "week", ["maxSends"] = 3 };
        JsonObject plain = RawServer.Event("withdrawn", RawServer.EventTime.AddSeconds(1));

        JsonArray results = await server.PushResultsAsync(RawServer.Body(RawServer.Text(capped), RawServer.Text(plain)));

        results.Select(r => r!["status"]!.GetValue<string>()).Should().Equal("accepted", "accepted");
        JsonArray stored = await server.PullAllAsync();
        stored.Should().HaveCount(2);
        RawServer.Text(stored[0]!["frequency"]!).Should().Be("{\"maxSends\":3,\"period\":\"week\"}", "the canonical form, members in declared order");
        stored[1]!.AsObject().ContainsKey("frequency").Should().BeFalse("absent when none");

        WireEvent pulled = System.Text.Json.JsonSerializer.Deserialize(stored[0]!.ToJsonString(), ProtocolJson.WireEvent)!;
        WireRules.TryParse(pulled, receivedAt: null, out ConsentRecord? record).Should().BeNull();
        record!.Frequency.Should().Be(new FrequencyCap(3, FrequencyPeriod.Week));
        System.Text.Encoding.UTF8.GetString(AuditLeaf.Bytes(pulled)).Should().Contain("\"frequency\":{\"maxSends\":3,\"period\":\"week\"}");
    }
}
