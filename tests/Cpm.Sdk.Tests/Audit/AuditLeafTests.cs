using System.Text;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>
/// The canonical leaf of an event: a golden example computed independently of this code (RFC 8785 canonical JSON,
/// commitments as base64 SHA-256 of salt and value), and the properties every log relies on.
/// </summary>
public sealed class AuditLeafTests
{
    private const string GoldenLeaf = """
        {"channel":"*","choice":"granted","evidence":"TA8udySflpNecebzS5fZ1Ng5H5zRNA1GXg1cQ5UxvGw=","expiresAt":null,"id":"01a20815-a0c6-73bd-b055-bf9658970fce","jurisdiction":"GDPR","kind":"consent","occurredAt":"2026-11-22T10:00:00.123Z","origin":"01a20815a0aa76b5a49e00e7ad31026e","policyVersion":2,"purpose":"marketing","source":"web","subject":"nX4SvPdTp3rLib5Vj2zMzv2BdyJFIbpkg3LPhDkbnR0="}
        """;

    private static WireEvent Example() => new()
    {
        Id = "01a20815-a0c6-73bd-b055-bf9658970fce",
        UserId = "用户-42",
        Purpose = "marketing",
        Channel = "*",
        Choice = "granted",
        PolicyVersion = 2,
        OccurredAt = "2026-11-22T10:00:00.123Z",
        Source = "web",
        Jurisdiction = "GDPR",
        Evidence = new Dictionary<string, string> { ["签名"] = "同意", ["ip"] = "203.0.113.7" },
        Origin = "01a20815a0aa76b5a49e00e7ad31026e",
        Salt = "AAECAwQFBgcICQoLDA0ODw==",
    };

    [Fact]
    public void Leaf_of_the_example_is_the_golden_canonical_json_and_hash()
    {
        Encoding.UTF8.GetString(AuditLeaf.Bytes(Example())).Should().Be(GoldenLeaf);
        Convert.ToHexStringLower(AuditLeaf.Hash(Example())).Should().Be("45561992bebcdc46a073cc9d9a3f7484e04f517f1b08a63066519fcb9534c3f6");
    }

    [Fact]
    public void A_separate_choice_adds_one_member_in_canonical_order_and_an_unset_or_false_flag_changes_nothing()
    {
        WireEvent separate = Example();
        separate.Separate = true;
        WireEvent explicitFalse = Example();
        explicitFalse.Separate = false;

        Encoding.UTF8.GetString(AuditLeaf.Bytes(separate)).Should().Be(
            GoldenLeaf.Replace("\"purpose\":\"marketing\",", "\"purpose\":\"marketing\",\"separate\":true,", StringComparison.Ordinal));
        AuditLeaf.Bytes(explicitFalse).Should().Equal(AuditLeaf.Bytes(Example()), "leaves of events from before the flag never change");
    }

    [Fact]
    public void A_frequency_adds_one_member_in_canonical_order_and_its_absence_changes_nothing()
    {
        WireEvent capped = Example();
        capped.Frequency = new WireFrequency { MaxSends = 3, Period = "week" };
        WireEvent monthly = Example();
        monthly.Frequency = new WireFrequency { MaxSends = 3, Period = "month" };
        WireEvent more = Example();
        more.Frequency = new WireFrequency { MaxSends = 4, Period = "week" };

        Encoding.UTF8.GetString(AuditLeaf.Bytes(capped)).Should().Be(GoldenLeaf.Replace(
            "\"expiresAt\":null,", "\"expiresAt\":null,\"frequency\":{\"maxSends\":3,\"period\":\"week\"},", StringComparison.Ordinal));
        AuditLeaf.Hash(monthly).Should().NotEqual(AuditLeaf.Hash(capped));
        AuditLeaf.Hash(more).Should().NotEqual(AuditLeaf.Hash(capped));
        Convert.ToHexStringLower(AuditLeaf.Hash(Example())).Should().Be(
            "45561992bebcdc46a073cc9d9a3f7484e04f517f1b08a63066519fcb9534c3f6", "leaves of events from before the frequency never change");
    }

    [Fact]
    public void Leaf_holds_no_personal_value_and_ignores_seq_and_a_missing_kind()
    {
        WireEvent pulled = Example();
        pulled.Seq = 41;
        pulled.Kind = WireFormat.ConsentKind;
        string leaf = Encoding.UTF8.GetString(AuditLeaf.Bytes(pulled));

        leaf.Should().Be(GoldenLeaf);
        leaf.Should().NotContain("用户-42").And.NotContain("203.0.113.7").And.NotContain("同意").And.NotContain("AAECAwQF");
    }

    [Fact]
    public void Every_field_and_the_salt_change_the_leaf()
    {
        byte[] golden = AuditLeaf.Hash(Example());
        var variants = new Action<WireEvent>[]
        {
            e => e.Id = "01a20815-a0c6-73bd-b055-bf9658970fcf",
            e => e.UserId = "用户-43",
            e => e.Purpose = "analytics",
            e => e.Channel = "sms",
            e => e.Choice = "withdrawn",
            e => e.PolicyVersion = 3,
            e => e.OccurredAt = "2026-11-22T10:00:00.124Z",
            e => e.Source = "app",
            e => e.Jurisdiction = null,
            e => e.ExpiresAt = "2027-11-22T10:00:00.123Z",
            e => e.Evidence!["ip"] = "203.0.113.8",
            e => e.Evidence = null,
            e => e.Origin = "01a20815a0aa76b5a49e00e7ad31026f",
            e => e.Salt = "AAECAwQFBgcICQoLDA0OEA==",
        };

        foreach (Action<WireEvent> change in variants)
        {
            WireEvent changed = Example();
            change(changed);
            AuditLeaf.Hash(changed).Should().NotEqual(golden);
        }
    }

    [Fact]
    public void Evidence_key_order_does_not_change_the_leaf()
    {
        WireEvent reordered = Example();
        reordered.Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.7", ["签名"] = "同意" };

        AuditLeaf.Hash(reordered).Should().Equal(AuditLeaf.Hash(Example()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAECAwQFBgcICQoLDA0O")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxA=")]
    public void An_event_without_a_valid_salt_has_no_leaf(string? salt)
    {
        WireEvent unsalted = Example();
        unsalted.Salt = salt;

        FluentActions.Invoking(() => AuditLeaf.Bytes(unsalted)).Should().Throw<ArgumentException>().WithParameterName("wireEvent");
    }

    [Fact]
    public void Commitment_is_base64_sha256_of_salt_and_utf8_value()
    {
        byte[] salt = Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODw==");
        AuditLeaf.Commitment(salt, "用户-42").Should().Be("nX4SvPdTp3rLib5Vj2zMzv2BdyJFIbpkg3LPhDkbnR0=");
    }
}
