using System.Text;
using Cpm.Sdk.Audit;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>RFC 8785 canonical JSON for the values the audit log hashes.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Members_are_sorted_by_utf16_code_units_without_whitespace()
    {
        var members = new Dictionary<string, object?>
        {
            ["\u20ac"] = "Euro Sign",
            ["\r"] = "Carriage Return",
            ["\ufb33"] = "Hebrew Letter Dalet With Dagesh",
            ["1"] = "One",
            ["\ud83d\ude00"] = "Emoji: Grinning Face",
            ["\u0080"] = "Control",
            ["\u00f6"] = "Latin Small Letter O With Diaeresis",
        };

        // The sorting example of RFC 8785 §3.2.3.
        CanonicalJson.ObjectText(members).Should().Be(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\"," +
            "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    [Fact]
    public void Strings_escape_only_what_json_requires()
    {
        string text = CanonicalJson.ObjectText([new("s", "q\"b\\\b\t\n\f\r\u0001\u001f 中文 😀 </>&'\u2028")]);

        text.Should().Be("{\"s\":\"q\\\"b\\\\\\b\\t\\n\\f\\r\\u0001\\u001f 中文 😀 </>&'\u2028\"}");
    }

    [Fact]
    public void Values_nulls_numbers_booleans_and_nested_maps()
    {
        var members = new Dictionary<string, object?>
        {
            ["z"] = null,
            ["n"] = 42L,
            ["i"] = -7,
            ["t"] = true,
            ["f"] = false,
            ["m"] = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
        };

        CanonicalJson.ObjectText(members).Should().Be("{\"f\":false,\"i\":-7,\"m\":{\"a\":\"1\",\"b\":\"2\"},\"n\":42,\"t\":true,\"z\":null}");
        CanonicalJson.Object(members).Should().Equal(Encoding.UTF8.GetBytes(CanonicalJson.ObjectText(members)));
    }

    [Fact]
    public void Unsupported_values_are_refused()
    {
        FluentActions.Invoking(() => CanonicalJson.ObjectText([new("d", 1.5)])).Should().Throw<ArgumentException>()
            .WithMessage("A Double has no canonical JSON form here.*");
    }

    [Fact]
    public void A_member_list_nests_as_an_object_sorted_like_the_outer_one()
    {
        KeyValuePair<string, object?>[] inner = [new("z", 1), new("a", null)];

        CanonicalJson.ObjectText([new("n", inner), new("b", true)]).Should().Be("{\"b\":true,\"n\":{\"a\":null,\"z\":1}}");
    }
}
