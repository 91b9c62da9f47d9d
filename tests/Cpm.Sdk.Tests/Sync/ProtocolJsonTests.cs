using System.Text;
using System.Text.Json;
using Cpm.Sdk.Model;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Sync;

/// <summary>The wire serializers: strict reading, and UTF-8 writing with only the escapes JSON requires.</summary>
public sealed class ProtocolJsonTests
{
    private const string Event = """
        {"id":"01a20815-a0c6-73bd-b055-bf9658970fce","userId":"u1","purpose":"marketing","channel":"sms",
         "choice":"granted","policyVersion":2,"occurredAt":"2026-11-22T10:00:00.123Z","source":"web",
         "jurisdiction":null,"expiresAt":null,"evidence":{"ip":"203.0.113.7"},"origin":"instance-a"}
        """;

    [Fact]
    public void Non_ascii_text_is_written_as_utf8_and_only_what_json_requires_is_escaped()
    {
        var wire = new WireEvent { UserId = "用户-张伟 🙂", Evidence = new() { ["签名"] = "同意 <b>&'+\u2028", ["q"] = "a\"b\\c\n\u0001" } };

        string json = JsonSerializer.Serialize(wire, ProtocolJson.WireEvent);

        json.Should().Contain("\"userId\":\"用户-张伟 🙂\"");
        json.Should().Contain("\"签名\":\"同意 <b>&'+\u2028\"");
        json.Should().Contain("\"q\":\"a\\\"b\\\\c\\n\\u0001\"");
        WireEvent back = JsonSerializer.Deserialize(json, ProtocolJson.WireEvent)!;
        back.UserId.Should().Be(wire.UserId);
        back.Evidence.Should().Equal(wire.Evidence);
    }

    [Fact]
    public void The_utf8_writer_path_leaves_non_ascii_text_unescaped_too()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance }))
        {
            writer.WriteStringValue(Encoding.UTF8.GetBytes("中文 🙂 \"\t"));
        }

        Encoding.UTF8.GetString(buffer.ToArray()).Should().Be("\"中文 🙂 \\\"\\t\"");
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character_not_an_exception()
    {
        string json = JsonSerializer.Serialize(new WireEvent { UserId = "a\uD800b" }, ProtocolJson.WireEvent);

        JsonSerializer.Deserialize(json, ProtocolJson.WireEvent)!.UserId.Should().Be("a\uFFFDb");
    }

    [Fact]
    public void Property_names_are_case_sensitive_so_a_differently_cased_name_never_overrides_the_field()
    {
        string json = Event.Replace("\"choice\":\"granted\"", "\"choice\":\"granted\",\"Choice\":\"withdrawn\"", StringComparison.Ordinal);

        WireEvent wire = JsonSerializer.Deserialize(json, ProtocolJson.WireEvent)!;

        wire.Choice.Should().Be("granted", "\"Choice\" is an unknown field and unknown fields are ignored");
    }

    [Theory]
    [InlineData("\"policyVersion\":2", "\"policyVersion\":\"3\"", "a number in a string")]
    [InlineData("\"policyVersion\":2", "\"policyVersion\":2.5", "a fraction")]
    [InlineData("\"choice\":\"granted\"", "\"choice\":0", "a number for a string")]
    [InlineData("\"evidence\":{\"ip\":\"203.0.113.7\"}", "\"evidence\":[]", "an array for an object")]
    [InlineData("\"evidence\":{\"ip\":\"203.0.113.7\"}", "\"evidence\":{\"ip\":7}", "a number for an evidence value")]
    [InlineData("\"choice\":\"granted\"", "\"choice\":\"granted\",\"choice\":\"withdrawn\"", "a property named twice")]
    [InlineData("\"evidence\":{\"ip\":\"203.0.113.7\"}", "\"evidence\":{\"ip\":\"a\",\"ip\":\"b\"}", "an evidence key named twice")]
    public void Wrong_json_types_and_duplicate_names_are_errors(string valid, string broken, string why)
    {
        Event.Should().Contain(valid);
        string json = Event.Replace(valid, broken, StringComparison.Ordinal);

        Action read = () => JsonSerializer.Deserialize(json, ProtocolJson.WireEvent);

        read.Should().Throw<JsonException>(why);
    }

    [Fact]
    public void Evidence_of_2800_cjk_characters_is_within_the_limit_because_utf8_bytes_are_counted()
    {
        var evidence = new Dictionary<string, string> { ["consent-text"] = new string('中', 2800) };

        FieldRules.EvidenceProblem(evidence, out string? json).Should().BeNull();

        Encoding.UTF8.GetByteCount(json!).Should().Be("{\"consent-text\":\"\"}".Length + (2800 * 3));
        json.Should().Contain(new string('中', 2800));
    }

    [Fact]
    public void Evidence_is_limited_to_16_KiB_of_utf8_json_to_the_byte()
    {
        // {"k":"…"} is 8 bytes around the value: a value of 16,376 bytes makes exactly 16,384.
        string atLimit = new string('中', 5458) + "xx";   // 16,374 + 2 bytes
        FieldRules.EvidenceProblem(new Dictionary<string, string> { ["k"] = atLimit }, out string? json).Should().BeNull();
        Encoding.UTF8.GetByteCount(json!).Should().Be(EvidenceJson.MaxBytes);

        FieldRules.EvidenceProblem(new Dictionary<string, string> { ["k"] = atLimit + "x" }, out json)
            .Should().Be("Evidence is 16385 bytes as JSON; the limit is 16384.");
        json.Should().BeNull();

        FieldRules.EvidenceProblem(new Dictionary<string, string> { ["k"] = new string('x', 16_372) + "🙂" }, out json)
            .Should().BeNull("an emoji is 4 UTF-8 bytes, not a 12-byte escape pair");
        Encoding.UTF8.GetByteCount(json!).Should().Be(EvidenceJson.MaxBytes);
    }
}
