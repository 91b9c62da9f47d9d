using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Each event the protocol forbids, pushed between two valid neighbours: the batch is answered 200, the forbidden
/// event alone is rejected with a reason naming the field, nothing of it is stored, and the neighbours are accepted.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class PushCorpusTests
{
    private static readonly Dictionary<string, (Func<string> Element, string Reason, bool EchoesId)> Cases = new()
    {
        ["time without a zone"] = (() => With("occurredAt", "2026-11-22T10:00:00.123"), "occurredAt", true),
        ["time with 6 fractional digits"] = (() => With("occurredAt", "2026-11-22T10:00:00.123456Z"), "occurredAt", true),
        ["time with +08:00"] = (() => With("occurredAt", "2026-11-22T18:00:00.123+08:00"), "occurredAt", true),
        ["time with lower-case z"] = (() => With("occurredAt", "2026-11-22T10:00:00.123z"), "occurredAt", true),
        ["time with a space separator"] = (() => With("occurredAt", "2026-11-22 10:00:00.123Z"), "occurredAt", true),
        ["date only"] = (() => With("occurredAt", "2026-11-22"), "occurredAt", true),
        ["expiry with an offset"] = (() => With("expiresAt", "2027-11-22T18:00:00.000+08:00"), "expiresAt", true),
        ["evidence one byte over 16 KiB"] = (() => With("evidence", new JsonObject { ["k"] = new string('x', 16_377) }), "16385 bytes", true),
        ["UUIDv4 id"] = (() => With("id", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"), "UUIDv7", true),
        ["nil id"] = (() => With("id", "00000000-0000-0000-0000-000000000000"), "UUIDv7", true),
        ["max id, which would win every tie"] = (() => With("id", "ffffffff-ffff-ffff-ffff-ffffffffffff"), "UUIDv7", true),
        ["upper-case id"] = (() => With("id", WireId().ToUpperInvariant()), "UUIDv7", true),
        ["\"Choice\" instead of \"choice\""] = (() => Rename("choice", "Choice"), "choice must be", true),
        ["unknown choice"] = (() => With("choice", "revoked"), "choice must be", true),
        ["policyVersion as a string"] = (() => With("policyVersion", "3"), "field 'policyVersion' must be an integer", true),
        ["choice as a number"] = (() => With("choice", 0), "field 'choice' must be a string", true),
        ["evidence as an array"] = (() => With("evidence", new JsonArray()), "field 'evidence' must be an object", true),
        ["evidence value as a number"] = (() => With("evidence", new JsonObject { ["ip"] = 7 }), "field 'evidence' must be an object", true),
        ["a field named twice"] = (() => RawEvent().Replace("\"choice\":\"granted\"", "\"choice\":\"granted\",\"choice\":\"withdrawn\"", StringComparison.Ordinal), "field 'choice' appears more than once", true),
        ["an evidence key named twice"] = (() => RawEvent().Replace("{\"ip\":\"203.0.113.7\"}", "{\"ip\":\"a\",\"ip\":\"b\"}", StringComparison.Ordinal), "evidence holds a key more than once", true),
        ["user id with a lone surrogate"] = (() => RawEvent().Replace("\"user-42\"", "\"user-\\ud800\"", StringComparison.Ordinal), "field 'userId' is not well-formed Unicode text", true),
        ["id with a lone surrogate"] = (() => With("id", "x").Replace("\"x\"", "\"\\udfff\"", StringComparison.Ordinal), "field 'id' is not well-formed Unicode text", false),
        ["evidence with a lone surrogate"] = (() => RawEvent().Replace("203.0.113.7", "\\udc00", StringComparison.Ordinal), "field 'evidence' is not well-formed Unicode text", true),
        ["id as a number"] = (() => With("id", 42), "field 'id' must be a string", false),
        ["a number instead of an event"] = (() => "42", "not a JSON object", false),
        ["a string instead of an event"] = (() => "\"01a20815-a0c6-73bd-b055-bf9658970fce\"", "not a JSON object", false),
        ["null instead of an event"] = (() => "null", "not a JSON object", false),
        ["an array instead of an event"] = (() => "[]", "not a JSON object", false),
        ["purpose not in the catalog"] = (() => With("purpose", "profiling"), "not in the catalog", true),
        ["topic of a purpose not in the catalog"] = (() => With("purpose", "profiling.ads"), "not in the catalog", true),
        ["topic path with an empty segment"] = (() => With("purpose", "marketing..promotions"), "not in the catalog", true),
        ["topic path ending in a dot"] = (() => With("purpose", "marketing."), "not in the catalog", true),
        ["frequency period fortnight"] = (() => With("frequency", Frequency(3, "fortnight")), "frequency.period must be day, week or month", true),
        ["frequency period in upper case"] = (() => With("frequency", Frequency(3, "Week")), "frequency.period must be day, week or month", true),
        ["frequency without a period"] = (() => With("frequency", new JsonObject { ["maxSends"] = 3 }), "frequency.period must be day, week or month", true),
        ["frequency of 0 sends"] = (() => With("frequency", Frequency(0, "week")), "frequency.maxSends must be 1 to 10000", true),
        ["frequency of -1 sends"] = (() => With("frequency", Frequency(-1, "week")), "frequency.maxSends must be 1 to 10000", true),
        ["frequency of 10,001 sends"] = (() => With("frequency", Frequency(10_001, "day")), "frequency.maxSends must be 1 to 10000", true),
        ["frequency without maxSends"] = (() => With("frequency", new JsonObject { ["period"] = "week" }), "frequency.maxSends must be 1 to 10000", true),
        ["frequency maxSends as a string"] = (() => With("frequency", new JsonObject { ["maxSends"] = "3", ["period"] = "week" }), "field 'frequency' must be an object of maxSends", true),
        ["frequency maxSends as a fraction"] = (() => With("frequency", new JsonObject { ["maxSends"] = 2.5, ["period"] = "week" }), "field 'frequency' must be an object of maxSends", true),
        ["frequency with an extra property"] = (() => With("frequency", new JsonObject { ["maxSends"] = 3, ["period"] = "week", ["channel"] = "sms" }), "field 'frequency' must be an object of maxSends", true),
        ["frequency as a string"] = (() => With("frequency", "3 per week"), "field 'frequency' must be an object of maxSends", true),
        ["frequency on a withdrawal"] = (() => WithdrawalWith("frequency", Frequency(3, "week")), "frequency is part of a grant", true),
        ["frequency on a denial"] = (() => RawServer.Text(WithNode(RawServer.Event("denied"), "frequency", Frequency(1, "day"))), "frequency is part of a grant", true),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_forbidden_event_is_rejected_alone_and_its_valid_neighbours_are_stored(string name)
    {
        (Func<string> element, string reason, bool echoesId) = Cases[name];
        await using RawServer server = await RawServer.StartAsync();
        JsonObject before = RawServer.Event(), after = RawServer.Event("withdrawn");
        string broken = element();

        JsonArray results = await server.PushResultsAsync(RawServer.Body(RawServer.Text(before), broken, RawServer.Text(after)));

        results.Should().HaveCount(3, "one result per event, in request order");
        results[0]!["status"]!.GetValue<string>().Should().Be("accepted");
        results[2]!["status"]!.GetValue<string>().Should().Be("accepted");
        results[1]!["status"]!.GetValue<string>().Should().Be("rejected");
        results[1]!["error"]!.GetValue<string>().Should().Contain(reason);
        string? echoed = results[1]!["id"]?.GetValue<string>();
        if (echoesId)
        {
            using var document = JsonDocument.Parse(broken);   // a document, unlike a JsonNode, holds a field named twice
            echoed.Should().Be(document.RootElement.GetProperty("id").GetString());
        }
        else
        {
            echoed.Should().BeNull();
        }

        server.Host.EventCount().Should().Be(2, "nothing of the forbidden event is stored");
        server.Host.EventIds().Select(Sdk.Protocol.WireFormat.FormatId).Should().Equal(before["id"]!.ToString(), after["id"]!.ToString());
    }

    [Fact]
    public async Task A_differently_cased_field_never_overrides_the_real_one()
    {
        await using RawServer server = await RawServer.StartAsync();
        JsonObject withdrawal = RawServer.Event("withdrawn");
        withdrawal["Choice"] = "granted";

        JsonArray results = await server.PushResultsAsync(RawServer.Body(RawServer.Text(withdrawal)));

        results[0]!["status"]!.GetValue<string>().Should().Be("accepted");
        JsonArray stored = await server.PullAllAsync();
        stored.Should().ContainSingle();
        stored[0]!["choice"]!.GetValue<string>().Should().Be("withdrawn", "\"Choice\" is an unknown field and is ignored");
        stored[0]!.AsObject().ContainsKey("Choice").Should().BeFalse("the stored event is the canonical form");
    }

    private static string WireId() => RawServer.Event()["id"]!.ToString();

    private static string RawEvent() => RawServer.Text(RawServer.Event());

    private static string With(string field, JsonNode? value)
    {
        JsonObject node = RawServer.Event();
        node[field] = value;
        return RawServer.Text(node);
    }

    private static JsonObject Frequency(int maxSends, string period) => new() { ["maxSends"] = maxSends, ["period"] = period };

    private static string WithdrawalWith(string field, JsonNode? value) => RawServer.Text(WithNode(RawServer.Event("withdrawn"), field, value));

    private static JsonObject WithNode(JsonObject node, string field, JsonNode? value)
    {
        node[field] = value;
        return node;
    }

    private static string Rename(string field, string newName)
    {
        JsonObject node = RawServer.Event();
        JsonNode? value = node[field];
        node.Remove(field);
        node[newName] = value;
        return RawServer.Text(node);
    }
}
