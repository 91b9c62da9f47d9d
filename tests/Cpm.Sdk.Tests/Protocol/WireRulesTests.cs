using System.Text.Json;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync;

namespace Cpm.Sdk.Tests.Protocol;

/// <summary>The public event rules a server builds on are the very rules the SDK applies to what it pulls.</summary>
public sealed class WireRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private const string Example = """
        {"id":"01a20815-a0c6-73bd-b055-bf9658970fce","userId":"用户-42","purpose":"marketing","channel":"*",
         "choice":"granted","policyVersion":2,"occurredAt":"2026-11-22T10:00:00.123Z","source":"web",
         "jurisdiction":"GDPR","expiresAt":null,"evidence":{"ip":"203.0.113.7","签名":"同意"},"unknown":1,
         "origin":"01a20815a0aa76b5a49e00e7ad31026e","kind":"consent","salt":"AAECAwQFBgcICQoLDA0ODw=="}
        """;

    public static TheoryData<string, string> BrokenEvents => new()
    {
        { "id", "\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"" },
        { "userId", "\"   \"" },
        { "purpose", "\"Marketing\"" },
        { "channel", "\"\"" },
        { "choice", "\"maybe\"" },
        { "policyVersion", "0" },
        { "occurredAt", "\"2026-11-22T10:00:00Z\"" },
        { "source", "null" },
        { "jurisdiction", "\"\"" },
        { "expiresAt", "\"2020-01-01T00:00:00.000Z\"" },
        { "evidence", "{\" \":\"x\"}" },
        { "origin", "\"\"" },
        { "kind", "\"erasure\"" },
        { "kind", "\"Consent\"" },
        { "salt", "\"AAECAwQFBgcICQoLDA0O\"" },
        { "salt", "\"AAECAwQFBgcICQoLDA0ODw\"" },
        { "salt", "\"AAECAwQFBgcICQoLDA0ODxA=\"" },
        { "salt", "\"not base64 at all!!!!!!\"" },
    };

    [Theory]
    [MemberData(nameof(BrokenEvents))]
    public void A_server_on_the_public_rules_refuses_exactly_what_the_sdk_refuses(string field, string json)
    {
        WireEvent wire = Read(Example.Replace($"\"{field}\":", $"\"{field}\":{json},\"was-{field}\":", StringComparison.Ordinal));

        string? problem = WireRules.Problem(wire, Now);

        problem.Should().NotBeNull();
        problem.Should().Be(WireMapping.TryParse(wire, Now, out StoredEvent? stored), "one implementation of each rule");
        stored.Should().BeNull();
        WireRules.TryParse(wire, Now, out ConsentRecord? record).Should().Be(problem);
        record.Should().BeNull();
    }

    [Fact]
    public void A_valid_event_read_as_a_record_and_written_back_is_its_canonical_json()
    {
        WireEvent wire = Read(Example);

        WireRules.TryParse(wire, Now, out ConsentRecord? record).Should().BeNull();

        record!.RecordedAt.Should().Be(Now, "a pushed event is recorded at the server clock");
        string canonical = JsonSerializer.Serialize(WireEvent.FromRecord(record, WireFormat.ParseSalt(wire.Salt)), ProtocolJson.WireEvent);
        canonical.Should().Be("""
            {"id":"01a20815-a0c6-73bd-b055-bf9658970fce","userId":"用户-42","purpose":"marketing","channel":"*",
            "choice":"granted","policyVersion":2,"occurredAt":"2026-11-22T10:00:00.123Z","source":"web",
            "jurisdiction":"GDPR","expiresAt":null,"evidence":{"ip":"203.0.113.7","签名":"同意"},
            "origin":"01a20815a0aa76b5a49e00e7ad31026e","kind":"consent","salt":"AAECAwQFBgcICQoLDA0ODw=="}
            """.ReplaceLineEndings(""), "unknown fields are dropped, text stays plain UTF-8, nulls are written");
        WireRules.Problem(Read(canonical), receivedAt: null).Should().BeNull("the canonical form passes the rules again");
    }

    [Fact]
    public void The_record_keeps_its_own_evidence_when_the_wire_event_changes_afterwards()
    {
        WireEvent wire = Read(Example);
        WireRules.TryParse(wire, receivedAt: null, out ConsentRecord? record).Should().BeNull();

        wire.Evidence!["ip"] = "198.51.100.1";

        record!.Evidence!["ip"].Should().Be("203.0.113.7");
        record.RecordedAt.Should().Be(default(DateTimeOffset), "a pulled event is recorded by the store at commit");
    }

    [Fact]
    public void A_record_with_an_undefined_choice_goes_out_as_withdrawn_failing_closed_as_the_gate_does()
    {
        WireEvent wire = Read(Example);
        WireRules.TryParse(wire, Now, out ConsentRecord? record).Should().BeNull();

        WireEvent.FromRecord(record! with { Choice = (ConsentChoice)7 }).Choice.Should().Be("withdrawn");
    }

    [Fact]
    public void A_missing_event_is_a_problem_not_an_exception() =>
        WireRules.Problem(null, Now).Should().Be("event is null");

    [Theory]
    [InlineData("user-42", null)]
    [InlineData("用户-张伟 🙂", null)]
    [InlineData(null, "UserId is required.")]
    [InlineData("", "UserId")]
    [InlineData("   ", "UserId")]
    [InlineData("a\u0000b", "UserId")]
    public void A_user_id_is_checked_by_the_capture_rule(string? userId, string? problem)
    {
        string? found = WireRules.UserIdProblem(userId);

        if (problem is null)
        {
            found.Should().BeNull();
        }
        else
        {
            found.Should().StartWith(problem);
        }

        WireRules.UserIdProblem(new string('u', 256)).Should().BeNull();
        WireRules.UserIdProblem(new string('u', 257)).Should().StartWith("UserId");
        WireRules.UserIdProblem("x\ud800").Should().StartWith("UserId", "a lone surrogate is not well-formed Unicode");
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("mini-program.v2", true)]
    [InlineData("Web", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-web", false)]
    public void An_id_is_checked_by_the_catalog_pattern_and_the_message_names_the_field(string? id, bool valid)
    {
        string? problem = WireRules.IdProblem("Source", id);

        if (valid)
        {
            problem.Should().BeNull();
        }
        else
        {
            problem.Should().StartWith("Source");
        }

        WireRules.IdProblem("Source", new string('s', 65)).Should().NotBeNull();
        FluentActions.Invoking(() => WireRules.IdProblem(" ", "web")).Should().Throw<ArgumentException>().WithParameterName("field");
    }

    private static WireEvent Read(string json) => JsonSerializer.Deserialize(json, ProtocolJson.WireEvent)!;
}
