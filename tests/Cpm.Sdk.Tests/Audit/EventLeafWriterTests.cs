using System.Text;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Audit;

/// <summary>
/// The store computes its leaves with a direct UTF-8 writer; they must be byte for byte the leaves
/// <see cref="AuditLeaf"/> makes of the wire event, which the server and every other log compute, or proofs would
/// not match across logs and stores written before would fail verification.
/// </summary>
public sealed class EventLeafWriterTests
{
    private const string Tricky = "ab\"\\/\u0000\u0001\b\t\n\f\r\u001f\u007f é中文😀\u2028\ud800\udc00";

    [Fact]
    public void Leaf_of_the_golden_example_matches_the_wire_leaf()
    {
        var record = new ConsentRecord
        {
            Id = Guid.Parse("01a20815-a0c6-73bd-b055-bf9658970fce"),
            UserId = "用户-42",
            Purpose = "marketing",
            Channel = "*",
            Choice = ConsentChoice.Granted,
            PolicyVersion = 2,
            OccurredAt = DateTimeOffset.Parse("2026-11-22T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture),
            Source = "web",
            Jurisdiction = "GDPR",
            Evidence = new Dictionary<string, string> { ["签名"] = "同意", ["ip"] = "203.0.113.7" },
            RecordedAt = DateTimeOffset.UnixEpoch,
            Origin = "01a20815a0aa76b5a49e00e7ad31026e",
        };
        byte[] salt = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

        Convert.ToHexStringLower(EventLeaf.Hash(record, salt)).Should().Be("45561992bebcdc46a073cc9d9a3f7484e04f517f1b08a63066519fcb9534c3f6");
        EventLeaf.Bytes(record, salt).Should().Equal(AuditLeaf.Bytes(WireEvent.FromRecord(record, salt)));
    }

    [Fact]
    public void Leaves_of_random_records_with_escapes_and_any_unicode_match_the_wire_leaves()
    {
        var random = new Random(20261202);
        for (int i = 0; i < 2000; i++)
        {
            ConsentRecord record = RandomRecord(random);
            byte[] salt = new byte[16];
            random.NextBytes(salt);

            byte[] expected = AuditLeaf.Bytes(WireEvent.FromRecord(record, salt));

            EventLeaf.Bytes(record, salt).Should().Equal(expected, "record {0}: {1}", i, Encoding.UTF8.GetString(expected));
            EventLeaf.Hash(record, salt).Should().Equal(MerkleLog.HashLeaf(expected));
        }
    }

    [Fact]
    public void A_frequency_is_written_as_the_wire_leaf_writes_it()
    {
        var record = new ConsentRecord
        {
            Id = Guid.Parse("01a20815-a0c6-73bd-b055-bf9658970fce"),
            UserId = "u-1",
            Purpose = "marketing",
            Channel = "sms",
            Choice = ConsentChoice.Granted,
            PolicyVersion = 1,
            OccurredAt = DateTimeOffset.UnixEpoch,
            Source = "web",
            Origin = "o",
            RecordedAt = DateTimeOffset.UnixEpoch,
            Frequency = new FrequencyCap(2, FrequencyPeriod.Day),
        };
        byte[] salt = new byte[16];

        string leaf = Encoding.UTF8.GetString(EventLeaf.Bytes(record, salt));

        leaf.Should().Contain("\"expiresAt\":null,\"frequency\":{\"maxSends\":2,\"period\":\"day\"},\"id\":");
        EventLeaf.Bytes(record, salt).Should().Equal(AuditLeaf.Bytes(WireEvent.FromRecord(record, salt)));
    }

    [Fact]
    public void A_salt_of_the_wrong_length_is_refused_with_its_name()
    {
        ConsentRecord record = RandomRecord(new Random(1));

        FluentActions.Invoking(() => EventLeaf.Hash(record, new byte[15])).Should().Throw<ArgumentException>().WithParameterName("salt");
    }

    private static ConsentRecord RandomRecord(Random random) => new()
    {
        Id = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, 4_000_000_000_000))),
        UserId = Text(random),
        Purpose = Text(random),
        Channel = random.Next(4) == 0 ? "*" : Text(random),
        Choice = (ConsentChoice)random.Next(4),
        PolicyVersion = random.Next(5) == 0 ? int.MaxValue : random.Next(1, 100),
        Source = Text(random),
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, 253_402_300_799_999)),
        ExpiresAt = random.Next(2) == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, 253_402_300_799_999)),
        Jurisdiction = random.Next(3) == 0 ? null : Text(random),
        Evidence = random.Next(3) switch
        {
            0 => null,
            1 => new Dictionary<string, string>(),
            _ => Enumerable.Range(0, random.Next(1, 6)).Select(_ => Text(random)).Distinct().ToDictionary(key => key, _ => Text(random)),
        },
        RecordedAt = DateTimeOffset.UnixEpoch,
        Origin = Text(random),
        Separate = random.Next(2) == 0,
        Frequency = random.Next(3) == 0
            ? new FrequencyCap(random.Next(4) == 0 ? int.MaxValue : random.Next(1, 10_001), (FrequencyPeriod)random.Next(3))
            : null,
    };

    /// <summary>Up to 12 pieces drawn from ASCII, escapes, CJK, emoji, a lone surrogate and U+2028.</summary>
    private static string Text(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(0, 12);
        for (int i = 0; i < length; i++)
        {
            text.Append(random.Next(3) == 0 ? Tricky[random.Next(Tricky.Length)] : (char)random.Next('a', 'z' + 1));
        }

        return text.ToString();
    }
}
