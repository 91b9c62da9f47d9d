using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync.Protocol;

namespace Cpm.Sdk.Tests.Sync;

public sealed class WireMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly ConsentRecord Record = new()
    {
        Id = Guid.Parse("01a20815-a0c6-73bd-b055-bf9658970fce"),
        UserId = "用户-张伟 🙂",
        Purpose = "marketing",
        Channel = "*",
        Choice = ConsentChoice.Withdrawn,
        PolicyVersion = 3,
        Source = "miniprogram",
        OccurredAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2027, 11, 22, 10, 0, 0, TimeSpan.Zero),
        Jurisdiction = "PIPL",
        Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.7" },
        RecordedAt = Now,
        Origin = "instance-a",
    };

    [Fact]
    public void Records_round_trip_through_the_wire_unchanged()
    {
        WireEvent wire = WireMapping.ToWire(Record);

        wire.OccurredAt.Should().Be("2026-11-22T10:00:00.123Z");
        wire.Choice.Should().Be("withdrawn");
        wire.Id.Should().Be("01a20815-a0c6-73bd-b055-bf9658970fce");
        WireMapping.TryParse(wire, Now, out StoredEvent? parsed).Should().BeNull();
        parsed!.Record.Should().BeEquivalentTo(Record);
        parsed.EvidenceJson.Should().Be("{\"ip\":\"203.0.113.7\"}");
    }

    [Fact]
    public void Timestamps_with_other_offsets_or_precision_are_normalised_to_utc_milliseconds()
    {
        WireEvent wire = WireMapping.ToWire(Record);
        wire.OccurredAt = "2026-11-22T18:00:00.1239999+08:00";

        WireMapping.TryParse(wire, Now, out StoredEvent? parsed).Should().BeNull();

        parsed!.Record.OccurredAt.Should().Be(Record.OccurredAt);
        parsed.Record.OccurredAt.Offset.Should().Be(TimeSpan.Zero);
    }

    private static readonly Dictionary<string, (Action<WireEvent> Break, string Field)> Cases = new()
    {
        ["upper-case id"] = (w => w.Id = w.Id!.ToUpperInvariant(), "id"),
        ["not a uuid"] = (w => w.Id = "42", "id"),
        ["missing user"] = (w => w.UserId = null, "UserId"),
        ["user with control char"] = (w => w.UserId = "a\u0001", "UserId"),
        ["bad purpose"] = (w => w.Purpose = "Marketing", "Purpose"),
        ["bad channel"] = (w => w.Channel = "s m s", "Channel"),
        ["unknown choice"] = (w => w.Choice = "maybe", "choice"),
        ["policy version 0"] = (w => w.PolicyVersion = 0, "policyVersion"),
        ["unparseable time"] = (w => w.OccurredAt = "yesterday", "occurredAt"),
        ["far future"] = (w => w.OccurredAt = "2026-11-23T12:06:00.000Z", "OccurredAt"),
        ["bad source"] = (w => w.Source = "", "Source"),
        ["unparseable expiry"] = (w => w.ExpiresAt = "soon", "expiresAt"),
        ["expiry before occurrence"] = (w => w.ExpiresAt = "2026-01-01T00:00:00.000Z", "ExpiresAt"),
        ["long jurisdiction"] = (w => w.Jurisdiction = new string('j', 40), "Jurisdiction"),
        ["huge evidence"] = (w => w.Evidence = new() { ["x"] = new string('x', 20_000) }, "Evidence"),
        ["missing origin"] = (w => w.Origin = " ", "origin"),
    };

    public static TheoryData<string> BadEvents => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void Invalid_wire_events_are_refused_with_a_reason_naming_the_field(string name)
    {
        (Action<WireEvent> breakIt, string field) = Cases[name];
        WireEvent wire = WireMapping.ToWire(Record);
        breakIt(wire);

        string? problem = WireMapping.TryParse(wire, Now, out StoredEvent? parsed);

        problem.Should().NotBeNull(name).And.Contain(field, name);
        parsed.Should().BeNull(name);
    }
}
