using System.Text;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>
/// The leaves of the kinds beyond consent (docs/protocol.md §9) and of scrubbed events: each kind has exactly its own
/// members, personal values only as commitments, and scrubbing an event after an erasure keeps its leaf, so every proof
/// already handed out stays valid.
/// </summary>
public sealed class AuditLeafKindsTests
{
    private const string Salt = "AAECAwQFBgcICQoLDA0ODw==";
    private static readonly byte[] SaltBytes = Convert.FromBase64String(Salt);

    private static WireEvent Event(string kind, string? userId = "用户-42", string? alias = "phone:+8613800000000") => new()
    {
        Id = "01a20815-a0c6-73bd-b055-bf9658970fce",
        Kind = kind,
        UserId = userId,
        Alias = alias,
        OccurredAt = "2026-11-22T10:00:00.123Z",
        Source = "api",
        Origin = "01a20815a0aa76b5a49e00e7ad31026e",
        Salt = Salt,
    };

    private static string Leaf(WireEvent wireEvent) => Encoding.UTF8.GetString(AuditLeaf.Bytes(wireEvent));

    private static string C(string value) => AuditLeaf.Commitment(SaltBytes, value);

    [Theory]
    [InlineData("link")]
    [InlineData("unlink")]
    public void A_link_or_unlink_commits_to_its_person_and_alias_and_has_no_consent_members(string kind)
    {
        Leaf(Event(kind)).Should().Be(
            $"{{\"alias\":\"{C("phone:+8613800000000")}\",\"id\":\"01a20815-a0c6-73bd-b055-bf9658970fce\",\"kind\":\"{kind}\"," +
            $"\"occurredAt\":\"2026-11-22T10:00:00.123Z\",\"origin\":\"01a20815a0aa76b5a49e00e7ad31026e\",\"source\":\"api\",\"subject\":\"{C("用户-42")}\"}}");
    }

    [Fact]
    public void An_unlink_that_names_no_one_has_a_null_subject_and_still_commits_to_its_alias()
    {
        string leaf = Leaf(Event(WireFormat.UnlinkKind, userId: null));

        leaf.Should().Contain("\"subject\":null").And.Contain($"\"alias\":\"{C("phone:+8613800000000")}\"");
    }

    [Fact]
    public void An_erasure_holds_its_subject_hash_needs_no_salt_and_commits_to_nothing()
    {
        WireEvent erasure = Event(WireFormat.ErasureKind, userId: null, alias: null);
        erasure.Salt = null;
        erasure.SubjectHash = WireFormat.SubjectHash("用户-42");

        Leaf(erasure).Should().Be(
            "{\"id\":\"01a20815-a0c6-73bd-b055-bf9658970fce\",\"kind\":\"erasure\",\"occurredAt\":\"2026-11-22T10:00:00.123Z\"," +
            $"\"origin\":\"01a20815a0aa76b5a49e00e7ad31026e\",\"source\":\"api\",\"subjectHash\":\"{WireFormat.SubjectHash("用户-42")}\"}}");
    }

    [Theory]
    [InlineData("access")]
    [InlineData("export")]
    public void A_rights_request_holds_no_personal_data_at_all(string kind)
    {
        Leaf(Event(kind)).Should().Be(
            $"{{\"id\":\"01a20815-a0c6-73bd-b055-bf9658970fce\",\"kind\":\"{kind}\",\"occurredAt\":\"2026-11-22T10:00:00.123Z\"," +
            "\"origin\":\"01a20815a0aa76b5a49e00e7ad31026e\",\"source\":\"api\"}");
    }

    [Fact]
    public void A_link_without_a_salt_has_no_leaf()
    {
        WireEvent unsalted = Event(WireFormat.LinkKind);
        unsalted.Salt = null;

        FluentActions.Invoking(() => AuditLeaf.Bytes(unsalted)).Should().Throw<ArgumentException>().WithParameterName("wireEvent");
    }

    [Fact]
    public void A_scrubbed_consent_event_keeps_its_leaf_and_none_of_its_personal_data()
    {
        WireEvent grant = Event(WireFormat.ConsentKind, alias: null);
        grant.Purpose = "marketing";
        grant.Channel = "sms";
        grant.Choice = "granted";
        grant.PolicyVersion = 1;
        grant.Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.7" };

        WireEvent scrubbed = AuditLeaf.Scrub(grant);

        scrubbed.Should().NotBeSameAs(grant);
        scrubbed.Scrubbed.Should().BeTrue();
        (scrubbed.UserId, scrubbed.Evidence, scrubbed.Alias, scrubbed.Salt).Should().Be(((string?)null, (Dictionary<string, string>?)null, (string?)null, (string?)null));
        scrubbed.Subject.Should().Be(C("用户-42"));
        scrubbed.EvidenceCommitment.Should().Be(C("{\"ip\":\"203.0.113.7\"}"));
        scrubbed.AliasCommitment.Should().BeNull();
        AuditLeaf.Bytes(scrubbed).Should().Equal(AuditLeaf.Bytes(grant));
        grant.UserId.Should().Be("用户-42", "the event given is unchanged");
        grant.Scrubbed.Should().BeNull();
    }

    [Fact]
    public void A_scrubbed_link_keeps_its_leaf_and_its_alias_only_as_a_commitment()
    {
        WireEvent link = Event(WireFormat.LinkKind);

        WireEvent scrubbed = AuditLeaf.Scrub(link);

        scrubbed.AliasCommitment.Should().Be(C("phone:+8613800000000"));
        scrubbed.Alias.Should().BeNull();
        AuditLeaf.Bytes(scrubbed).Should().Equal(AuditLeaf.Bytes(link));
        AuditLeaf.Hash(scrubbed).Should().Equal(AuditLeaf.Hash(link));
    }

    [Fact]
    public void A_scrubbed_leaf_follows_the_commitments_it_carries_not_leftover_personal_fields()
    {
        WireEvent scrubbed = AuditLeaf.Scrub(Event(WireFormat.LinkKind));
        scrubbed.UserId = "someone-else";
        scrubbed.Alias = "phone:+8613911112222";

        AuditLeaf.Bytes(scrubbed).Should().Equal(AuditLeaf.Bytes(Event(WireFormat.LinkKind)));
    }

    [Fact]
    public void Scrubbing_an_erasure_or_a_scrubbed_event_returns_an_unchanged_copy()
    {
        WireEvent erasure = Event(WireFormat.ErasureKind, userId: null, alias: null);
        erasure.SubjectHash = WireFormat.SubjectHash("用户-42");
        WireEvent once = AuditLeaf.Scrub(Event(WireFormat.LinkKind));

        WireEvent erasureCopy = AuditLeaf.Scrub(erasure);
        WireEvent twice = AuditLeaf.Scrub(once);

        erasureCopy.Should().NotBeSameAs(erasure);
        erasureCopy.Should().BeEquivalentTo(erasure);
        erasureCopy.Scrubbed.Should().BeNull("an erasure holds nothing personal to scrub");
        erasureCopy.Salt.Should().Be(Salt);
        twice.Should().NotBeSameAs(once);
        twice.Should().BeEquivalentTo(once);
    }

    [Fact]
    public void Scrubbing_an_event_without_its_salt_is_refused()
    {
        WireEvent unsalted = Event(WireFormat.LinkKind);
        unsalted.Salt = "AAEC";

        FluentActions.Invoking(() => AuditLeaf.Scrub(unsalted)).Should().Throw<ArgumentException>().WithParameterName("wireEvent");
    }

    [Fact]
    public void An_empty_user_id_has_no_commitment()
    {
        Commitments.Of(SaltBytes, "", null, null).Should().Be(new Commitments(null, null, null));
        Commitments.Of(SaltBytes, "u", new Dictionary<string, string>(), "email:a@example.com")
            .Should().Be(new Commitments(C("u"), C("{}"), C("email:a@example.com")));
    }
}
