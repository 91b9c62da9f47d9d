using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Tests.Rights;

/// <summary>One normalisation at capture and at lookup: the forms people and systems write an alias in become one.</summary>
public sealed class AliasNormalizerTests
{
    [Theory]
    [InlineData("phone:+8613800000000", "phone:+8613800000000")]
    [InlineData("phone:+86 138 0000 0000", "phone:+8613800000000")]
    [InlineData("phone:+86-138-0000-0000", "phone:+8613800000000")]
    [InlineData("phone:(+86) 138.0000.0000", "phone:+8613800000000")]
    [InlineData("phone:0086 138 0000 0000", "phone:+8613800000000")]
    [InlineData("  Phone : +86 13800000000  ", "phone:+8613800000000")]
    [InlineData("PHONE:+86\u00A0138 0000 0000", "phone:+8613800000000")]
    [InlineData("phone:138 0000 0000", "phone:13800000000")]
    [InlineData("email:Zhang.Wei@Example.COM", "email:zhang.wei@example.com")]
    [InlineData("email:  li@example.cn ", "email:li@example.cn")]
    [InlineData("openid:oAbC-123_xYz", "openid:oAbC-123_xYz")]
    [InlineData("OpenID: oAbC-123_xYz ", "openid:oAbC-123_xYz")]
    [InlineData("wechat.unionid:o6_bmasdasdsad6_2sgVt7hMZOPfL", "wechat.unionid:o6_bmasdasdsad6_2sgVt7hMZOPfL")]
    [InlineData("phone:00", "phone:00")]                 // two zeros alone are a number, not an international prefix
    [InlineData("phone:001", "phone:+1")]
    [InlineData("phone:+0086 138", "phone:+0086138")]   // after a '+', zeros are digits, not a second prefix
    public void Every_form_of_an_alias_normalises_to_one(string alias, string normalized)
    {
        AliasNormalizer.Normalize(alias).Should().Be(normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+8613800000000")]
    [InlineData(":+8613800000000")]
    [InlineData("phone:")]
    [InlineData("phone:   ")]
    [InlineData("phone:call me")]
    [InlineData("phone:+86+138")]
    [InlineData("phone:-- --")]
    [InlineData("ph one:+86138")]
    [InlineData("_phone:+86138")]
    [InlineData("-phone:+86138")]
    [InlineData(".phone:+86138")]
    [InlineData("phone:++86 138")]
    [InlineData("email:a\u0007b@example.com")]
    [InlineData("openid:")]
    public void A_malformed_alias_has_no_normal_form(string alias)
    {
        AliasNormalizer.Normalize(alias).Should().BeNull();
    }

    [Fact]
    public void An_alias_longer_than_the_limit_has_no_normal_form_and_one_at_the_limit_does()
    {
        string atLimit = "openid:" + new string('x', AliasNormalizer.MaxLength - "openid:".Length);

        AliasNormalizer.Normalize(atLimit).Should().Be(atLimit);
        AliasNormalizer.Normalize(atLimit + "x").Should().BeNull();
        AliasNormalizer.Normalize("phone:+" + new string('1', AliasNormalizer.MaxLength)).Should().BeNull();
    }

    [Fact]
    public void A_kind_of_64_characters_is_accepted_and_one_of_65_is_not()
    {
        string kind64 = new('k', 64);
        AliasNormalizer.Normalize(kind64 + ":v").Should().Be(kind64 + ":v");
        AliasNormalizer.Normalize(new string('k', 65) + ":v").Should().BeNull();
    }

    [Fact]
    public void A_buffer_larger_than_the_limit_works_and_a_smaller_one_is_refused()
    {
        Span<char> large = stackalloc char[AliasNormalizer.MaxLength + 10];
        int written = AliasNormalizer.Normalize("email:A@B.C", large);
        new string(large[..written]).Should().Be("email:a@b.c");

        Span<char> small = stackalloc char[AliasNormalizer.MaxLength - 1];
        AliasNormalizer.Normalize("email:a@b.c", small).Should().Be(-1);
    }
}
