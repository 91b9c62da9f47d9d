using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Each malformed event of the new kinds, pushed between two valid neighbours: it alone is rejected, with exactly the
/// reason <see cref="WireRules"/> gives (so a client and the server agree), and nothing of it is stored.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class KindCorpusTests
{
    private const string Alias = "phone:+8613800000000";

    private static readonly Dictionary<string, (Func<JsonObject> Event, string Reason)> Cases = new()
    {
        ["erasure with a userId"] = (() => With(Erasure(), "userId", "user-1"), "userId is not a field of an erasure event"),
        ["erasure without a subjectHash"] = (() => With(Erasure(), "subjectHash", null), "subjectHash must be SHA-256"),
        ["erasure whose subjectHash is the user id"] = (() => With(Erasure(), "subjectHash", "user-1"), "subjectHash must be SHA-256"),
        ["erasure whose subjectHash is 31 bytes"] = (() => With(Erasure(), "subjectHash", Convert.ToBase64String(new byte[31])), "subjectHash must be SHA-256"),
        ["erasure with an alias"] = (() => With(Erasure(), "alias", Alias), "alias is not a field of an erasure event"),
        ["erasure with a purpose"] = (() => With(Erasure(), "purpose", "marketing"), "purpose is not a field of"),
        ["erasure with evidence"] = (() => With(Erasure(), "evidence", new JsonObject { ["ip"] = "192.0.2.1" }), "evidence is not a field of"),
        ["scrubbed erasure"] = (() => With(With(Erasure(), "scrubbed", true), "subject", Hash()), "an erasure event is never scrubbed"),
        ["link without an alias"] = (() => With(Link(), "alias", null), "alias is required"),
        ["link without a userId"] = (() => With(Link(), "userId", null), "UserId is required"),
        ["link with an un-normalised alias"] = (() => With(Link(), "alias", "phone:+86 138 0000 0000"), "alias must be normalised"),
        ["link with an upper-case alias kind"] = (() => With(Link(), "alias", "PHONE:+8613800000000"), "alias must be normalised"),
        ["link with an alias that is not kind:value"] = (() => With(Link(), "alias", "13800000000"), "alias must be kind:value"),
        ["link with an alias of 321 characters"] = (() => With(Link(), "alias", "openid:" + new string('a', 314)), "alias must be kind:value"),
        ["link with a control character in its alias"] = (() => With(Link(), "alias", "openid:ab\u0001c"), "alias must be"),
        ["link with a purpose"] = (() => With(Link(), "purpose", "marketing"), "purpose is not a field of a link event"),
        ["link with a choice"] = (() => With(Link(), "choice", "granted"), "choice is not a field of a link event"),
        ["link with evidence"] = (() => With(Link(), "evidence", new JsonObject { ["ip"] = "192.0.2.1" }), "evidence is not a field of a link event"),
        ["link with a subjectHash"] = (() => With(Link(), "subjectHash", Hash()), "subjectHash is not a field of a link event"),
        ["unlink without an alias"] = (() => With(Unlink(), "alias", null), "alias is required"),
        ["unlink with a blank userId"] = (() => With(Unlink(), "userId", " "), "UserId"),
        ["consent with an alias"] = (() => With(Grant(), "alias", Alias), "alias is not a field of a consent event"),
        ["consent with a subjectHash"] = (() => With(Grant(), "subjectHash", Hash()), "subjectHash is not a field of a consent event"),
        ["unknown kind"] = (() => With(Grant(), "kind", "merge"), "kind must be consent, link, unlink or erasure"),
        ["kind as a number"] = (() => With(Grant(), "kind", 1), "field 'kind' must be a string"),
        ["scrubbed event with a salt"] = (() => With(ScrubbedGrant(), "salt", WireFormat.FormatSalt(new byte[16])), "a scrubbed event carries no userId, evidence, alias or salt"),
        ["scrubbed event with a userId"] = (() => With(ScrubbedGrant(), "userId", "user-1"), "a scrubbed event carries no userId"),
        ["scrubbed event with evidence"] = (() => With(ScrubbedGrant(), "evidence", new JsonObject { ["ip"] = "192.0.2.1" }), "a scrubbed event carries no userId"),
        ["scrubbed consent without a subject"] = (() => With(ScrubbedGrant(), "subject", null), "subject must be the commitment"),
        ["scrubbed link without an aliasCommitment"] = (() => With(ScrubbedLink(), "aliasCommitment", null), "aliasCommitment must be"),
        ["scrubbed link with its alias"] = (() => With(ScrubbedLink(), "alias", Alias), "a scrubbed event carries no"),
        ["scrubbed: false"] = (() => With(Grant(), "scrubbed", false), "scrubbed must be true or absent"),
        ["unscrubbed event with a subject commitment"] = (() => With(Grant(), "subject", Hash()), "belong to a scrubbed event only"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_malformed_event_of_a_new_kind_is_rejected_alone_with_the_wire_rules_reason(string name)
    {
        (Func<JsonObject> build, string reason) = Cases[name];
        await using RawServer server = await RawServer.StartAsync();
        WireEvent before = KindEvents.Link("user-1", Alias), after = KindEvents.Erasure("user-2", TimeSpan.FromSeconds(1));
        string broken = RawServer.Text(build());

        JsonArray results = await server.PushResultsAsync(RawServer.Body(KindEvents.Text(before), broken, KindEvents.Text(after)));

        results.Select(r => (string?)r!["status"]).Should().Equal("accepted", "rejected", "accepted");
        string error = (string)results[1]!["error"]!;
        error.Should().Contain(reason).And.Be(ClientReason(broken), "the server gives the reason the SDK's own rules give");
        server.Host.EventIds().Select(WireFormat.FormatId).Should().Equal(before.Id, after.Id);
    }

    /// <summary>What a client built on the SDK says of the same element: the reader's structural problem, else the rules'.</summary>
    private static string? ClientReason(string element)
    {
        using var document = JsonDocument.Parse(element);
        return WireEventReader.TryRead(document.RootElement, out WireEvent? wire, out _) ?? WireRules.Problem(wire, RawServer.ServerNow);
    }

    private static JsonObject Erasure() => KindEvents.Node(KindEvents.Erasure("user-1"));

    private static JsonObject Link() => KindEvents.Node(KindEvents.Link("user-1", Alias));

    private static JsonObject Unlink() => KindEvents.Node(KindEvents.Unlink(Alias, "user-1"));

    private static JsonObject Grant() => KindEvents.Node(KindEvents.Grant("user-1"));

    private static JsonObject ScrubbedGrant() => KindEvents.Node(AuditLeaf.Scrub(KindEvents.Grant("user-1", evidence: new() { ["ip"] = "192.0.2.1" })));

    private static JsonObject ScrubbedLink() => KindEvents.Node(AuditLeaf.Scrub(KindEvents.Link("user-1", Alias)));

    private static string Hash() => WireFormat.SubjectHash("anyone");

    private static JsonObject With(JsonObject node, string field, JsonNode? value)
    {
        if (value is null)
        {
            node.Remove(field);
        }
        else
        {
            node[field] = value;
        }

        return node;
    }
}
