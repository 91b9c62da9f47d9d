using System.Text;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>
/// The leaf of a stored event, whatever its kind or state: links and erasures take their own members, a scrubbed event
/// keeps the leaf it had, and long fields of any size still give the leaf the wire event has.
/// </summary>
public sealed class EventLeafTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(0, 16).Select(i => (byte)(i * 3))];

    private static ConsentRecord Record(EventKind kind, string? alias = null) => new()
    {
        Id = Guid.Parse("01a20815-a0c6-73bd-b055-bf9658970fce"),
        Kind = kind,
        UserId = "用户-42",
        Alias = alias,
        Purpose = kind == EventKind.Consent ? "marketing" : "",
        Channel = kind == EventKind.Consent ? "sms" : "",
        Choice = ConsentChoice.Granted,
        PolicyVersion = kind == EventKind.Consent ? 2 : 0,
        Source = "api",
        OccurredAt = DateTimeOffset.Parse("2026-11-22T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture),
        RecordedAt = DateTimeOffset.UnixEpoch,
        Origin = "01a20815a0aa76b5a49e00e7ad31026e",
        Evidence = kind == EventKind.Consent ? new Dictionary<string, string> { ["ip"] = "203.0.113.7" } : null,
    };

    [Fact]
    public void A_stored_link_has_the_leaf_of_its_wire_event_not_that_of_a_consent_choice()
    {
        var link = new StoredEvent(Record(EventKind.Link, "phone:+8613800000000"), null, Salt);
        byte[] expected = AuditLeaf.Bytes(WireEvent.FromRecord(link.Record, Salt));

        EventLeaf.Bytes(link).Should().Equal(expected);
        EventLeaf.Hash(link).Should().Equal(MerkleLog.HashLeaf(expected));
        Encoding.UTF8.GetString(expected).Should().Contain("\"kind\":\"link\"").And.NotContain("purpose");
    }

    [Fact]
    public void A_stored_erasure_has_a_leaf_without_a_salt()
    {
        var erasure = new StoredEvent(Record(EventKind.Erasure), null, null) { SubjectHash = WireFormat.SubjectHash("用户-42") };

        string leaf = Encoding.UTF8.GetString(EventLeaf.Bytes(erasure));

        leaf.Should().Contain($"\"subjectHash\":\"{WireFormat.SubjectHash("用户-42")}\"");
        EventLeaf.Hash(erasure).Should().Equal(MerkleLog.HashLeaf(Encoding.UTF8.GetBytes(leaf)));
    }

    [Theory]
    [InlineData(EventKind.Consent)]
    [InlineData(EventKind.Link)]
    public void A_scrubbed_stored_event_keeps_its_leaf_and_its_hash(EventKind kind)
    {
        var stored = new StoredEvent(Record(kind, kind == EventKind.Link ? "email:a@example.com" : null), kind == EventKind.Consent ? "{\"ip\":\"203.0.113.7\"}" : null, Salt);

        StoredEvent scrubbed = stored.ToScrubbed();

        scrubbed.Salt.Should().BeNull();
        scrubbed.Scrubbed.Should().NotBeNull();
        EventLeaf.Bytes(scrubbed).Should().Equal(EventLeaf.Bytes(stored));
        EventLeaf.Hash(scrubbed).Should().Equal(EventLeaf.Hash(stored));
    }

    [Fact]
    public void Fields_of_any_length_give_the_leaf_of_the_wire_event()
    {
        // Lengths around the writer's first buffer (1 KiB) and far beyond it, so every member ends at every offset.
        foreach (int length in Enumerable.Range(880, 150).Concat([4000, 9000]))
        {
            ConsentRecord record = Record(EventKind.Consent) with { Source = new string('s', length), Purpose = "p\"" + new string('中', length / 3) };

            byte[] expected = AuditLeaf.Bytes(WireEvent.FromRecord(record, Salt));
            EventLeaf.Bytes(record, Salt).Should().Equal(expected, "length {0}", length);
            EventLeaf.Hash(record, Salt).Should().Equal(MerkleLog.HashLeaf(expected));
        }
    }

    [Fact]
    public void Missing_or_bad_arguments_are_refused_by_name()
    {
        FluentActions.Invoking(() => EventLeaf.Hash(null!, Salt)).Should().Throw<ArgumentNullException>().WithParameterName("record");
        FluentActions.Invoking(() => EventLeaf.Hash(Record(EventKind.Consent), null!)).Should().Throw<ArgumentNullException>().WithParameterName("salt");
        FluentActions.Invoking(() => EventLeaf.Bytes(Record(EventKind.Consent), new byte[17])).Should().Throw<ArgumentException>()
            .WithParameterName("salt").WithMessage("A salt is 16 bytes.*");
    }
}
