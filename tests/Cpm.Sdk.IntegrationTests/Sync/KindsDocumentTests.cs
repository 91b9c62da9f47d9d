using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>The event kinds of docs/protocol.md §2 as the document shows them: each example valid, and a scrubbed event's leaf its original's.</summary>
public sealed class KindsDocumentTests
{
    private static WireEvent Read(string name)
    {
        using JsonDocument document = JsonDocument.Parse(ProtocolDocument.Text(name));
        WireEventReader.TryRead(document.RootElement, out WireEvent? wire, out _).Should().BeNull();
        return wire!;
    }

    [Theory]
    [InlineData("event", EventKind.Consent)]
    [InlineData("link-event", EventKind.Link)]
    [InlineData("unlink-event", EventKind.Unlink)]
    [InlineData("erasure-event", EventKind.Erasure)]
    [InlineData("scrubbed-event", EventKind.Consent)]
    [InlineData("capped-event", EventKind.Consent)]
    public void Every_kind_in_the_document_is_a_valid_event_of_that_kind(string example, EventKind kind)
    {
        WireRules.TryParse(Read(example), receivedAt: null, out ConsentRecord? record).Should().BeNull();
        record!.Kind.Should().Be(kind);
    }

    [Fact]
    public void The_capped_example_carries_its_frequency_into_the_record_and_the_leaf_and_scrubbing_keeps_it()
    {
        WireRules.TryParse(Read("capped-event"), receivedAt: null, out ConsentRecord? record).Should().BeNull();
        record!.Frequency.Should().Be(new FrequencyCap(2, FrequencyPeriod.Week));
        WireEvent.FromRecord(record, WireFormat.ParseSalt(Read("capped-event").Salt)).Frequency.Should().BeEquivalentTo(new WireFrequency { MaxSends = 2, Period = "week" });

        string leaf = System.Text.Encoding.UTF8.GetString(AuditLeaf.Bytes(Read("capped-event")));
        leaf.Should().Contain("\"expiresAt\":null,\"frequency\":{\"maxSends\":2,\"period\":\"week\"},\"id\":");
        WireEvent uncapped = Read("capped-event");
        uncapped.Frequency = null;
        AuditLeaf.Hash(uncapped).Should().NotEqual(AuditLeaf.Hash(Read("capped-event")));
        AuditLeaf.Scrub(Read("capped-event")).Frequency.Should().NotBeNull("a cap is not personal data: a scrubbed grant keeps it");
        AuditLeaf.Hash(AuditLeaf.Scrub(Read("capped-event"))).Should().Equal(AuditLeaf.Hash(Read("capped-event")));
    }

    [Fact]
    public void The_scrubbed_example_is_the_first_example_scrubbed_and_holds_the_same_leaf()
    {
        WireEvent original = Read("event");
        WireEvent scrubbed = Read("scrubbed-event");

        AuditLeaf.Hash(scrubbed).Should().Equal(AuditLeaf.Hash(original));
        JsonSerializer.Serialize(AuditLeaf.Scrub(original)).Should().Be(JsonSerializer.Serialize(scrubbed));
        AuditLeaf.Scrub(Read("link-event")).Should().Match<WireEvent>(e => e.UserId == null && e.Alias == null && e.Salt == null && e.AliasCommitment != null);
        AuditLeaf.Hash(AuditLeaf.Scrub(Read("link-event"))).Should().Equal(AuditLeaf.Hash(Read("link-event")));
    }

    [Fact]
    public void The_erasure_example_names_its_person_by_the_hash_of_the_id_only()
    {
        WireEvent erasure = Read("erasure-event");
        erasure.SubjectHash.Should().Be(WireFormat.SubjectHash("user-42"));
        System.Text.Encoding.UTF8.GetString(AuditLeaf.Bytes(erasure)).Should().Be(
            "{\"id\":\"01a20815-a0c6-73bd-b055-bf9658970fd2\",\"kind\":\"erasure\",\"occurredAt\":\"2026-11-24T09:00:00.000Z\"," +
            "\"origin\":\"01a20815a0aa76b5a49e00e7ad31026e\",\"source\":\"api\",\"subjectHash\":\"bYlKo+6AJUnX80Dnwc8NHByxTNhPdo2S/6pnhTN8SZc=\"}");
    }

    public static TheoryData<string, string> BrokenEvents => new()
    {
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd2","occurredAt":"2026-11-24T09:00:00.000Z","source":"api","origin":"o","kind":"erasure","subjectHash":"bYlKo+6AJUnX80Dnwc8NHByxTNhPdo2S/6pnhTN8SZc=","userId":"user-42"}""", "userId is not a field of an erasure" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd2","occurredAt":"2026-11-24T09:00:00.000Z","source":"api","origin":"o","kind":"erasure","subjectHash":"abc"}""", "subjectHash must be" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"link"}""", "alias is required" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"link","alias":"phone:+86 138 0000 0000"}""", "alias must be normalised" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"link","alias":"phone:+8613800000000","purpose":"marketing"}""", "purpose is not a field of a link" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"link","alias":"fax"}""", "alias must be kind:value" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"link","scrubbed":true,"subject":"KHNsECy56cYoWQvMEnRJqxt141kK9fzBq9x5fY/sAk0=","aliasCommitment":"KHNsECy56cYoWQvMEnRJqxt141kK9fzBq9x5fY/sAk0=","salt":"AAECAwQFBgcICQoLDA0ODw=="}""", "a scrubbed event carries no" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"link","scrubbed":true,"subject":"KHNsECy56cYoWQvMEnRJqxt141kK9fzBq9x5fY/sAk0="}""", "aliasCommitment must be" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","purpose":"m","channel":"*","choice":"granted","policyVersion":1,"occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","subject":"KHNsECy56cYoWQvMEnRJqxt141kK9fzBq9x5fY/sAk0="}""", "belong to a scrubbed event only" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","purpose":"m","channel":"*","choice":"granted","policyVersion":1,"occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","scrubbed":false}""", "scrubbed must be true or absent" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"merge"}""", "kind must be consent, link, unlink or erasure" },
        { """{"id":"01a20815-a0c6-73bd-b055-bf9658970fd0","userId":"u","occurredAt":"2026-11-22T10:00:01.000Z","source":"app","origin":"o","kind":"access"}""", "kind must be" },
    };

    [Theory]
    [MemberData(nameof(BrokenEvents))]
    public void A_broken_event_of_a_new_kind_is_refused_with_its_reason(string json, string reason)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        string? problem = WireEventReader.TryRead(document.RootElement, out WireEvent? wire, out _) ?? WireRules.Problem(wire, receivedAt: null);
        problem.Should().Contain(reason);
    }
}
