using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync;

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
        WireEvent wire = WireEvent.FromRecord(Record);

        wire.OccurredAt.Should().Be("2026-11-22T10:00:00.123Z");
        wire.Choice.Should().Be("withdrawn");
        wire.Id.Should().Be("01a20815-a0c6-73bd-b055-bf9658970fce");
        WireMapping.TryParse(wire, Now, out StoredEvent? parsed).Should().BeNull();
        parsed!.Record.Should().BeEquivalentTo(Record);
        parsed.EvidenceJson.Should().Be("{\"ip\":\"203.0.113.7\"}");
    }

    [Theory]
    [InlineData("2026-11-22T10:00:00.123", "no zone: a naive local time taken as UTC reorders consent")]
    [InlineData("2026-11-22T10:00:00.123456Z", "six fractional digits")]
    [InlineData("2026-11-22T10:00:00Z", "no fractional digits")]
    [InlineData("2026-11-22T18:00:00.123+08:00", "an offset")]
    [InlineData("2026-11-22T10:00:00.123+00:00", "an offset, even zero")]
    [InlineData("2026-11-22T10:00:00.123z", "lower-case z")]
    [InlineData("2026-11-22t10:00:00.123Z", "lower-case t")]
    [InlineData("2026-11-22 10:00:00.123Z", "a space separator")]
    [InlineData("2026-11-22", "a date only")]
    [InlineData(" 2026-11-22T10:00:00.123Z", "leading white space")]
    [InlineData("2026-11-22T10:00:00.123Z ", "trailing white space")]
    [InlineData("2026-02-30T10:00:00.123Z", "30 February")]
    [InlineData("2026-11-22T24:00:00.000Z", "hour 24")]
    [InlineData("2026-11-22T10:00:60.000Z", "a leap second")]
    [InlineData("0000-01-01T00:00:00.000Z", "year 0")]
    [InlineData("２０２６-11-22T10:00:00.123Z", "non-ASCII digits")]
    [InlineData("", "empty")]
    public void Timestamps_not_in_the_one_documented_form_are_refused(string text, string why)
    {
        WireFormat.ParseTimestamp(text).Should().BeNull(why);

        WireEvent wire = WireEvent.FromRecord(Record);
        wire.OccurredAt = text;
        WireMapping.TryParse(wire, Now, out StoredEvent? parsed).Should().Contain("occurredAt", why);
        parsed.Should().BeNull(why);
    }

    [Fact]
    public void The_documented_timestamp_form_parses_to_utc_milliseconds()
    {
        DateTimeOffset? parsed = WireFormat.ParseTimestamp("2026-11-22T10:00:00.123Z");

        parsed.Should().Be(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero));
        parsed!.Value.Offset.Should().Be(TimeSpan.Zero);
        WireFormat.ParseTimestamp("2028-02-29T23:59:59.999Z").Should().Be(new DateTimeOffset(2028, 2, 29, 23, 59, 59, 999, TimeSpan.Zero));
        WireFormat.FormatTimestamp(parsed.Value).Should().Be("2026-11-22T10:00:00.123Z");
    }

    [Theory]
    [InlineData("01a20815-a0c6-73bd-b055-bf9658970fce", true, "a UUIDv7")]
    [InlineData("01a20815-a0c6-73bd-8055-bf9658970fce", true, "variant bits 1000")]
    [InlineData("01a20815-a0c6-73bd-9055-bf9658970fce", true, "variant bits 1001")]
    [InlineData("01a20815-a0c6-73bd-a055-bf9658970fce", true, "variant bits 1010")]
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c3301", false, "a UUIDv4")]
    [InlineData("00000000-0000-0000-0000-000000000000", false, "the nil UUID")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", false, "the max UUID, which would win every tie")]
    [InlineData("01a20815-a0c6-73bd-c055-bf9658970fce", false, "variant bits 110x (Microsoft)")]
    [InlineData("01a20815-a0c6-73bd-7055-bf9658970fce", false, "variant bits 0xxx (NCS)")]
    [InlineData("01A20815-A0C6-73BD-B055-BF9658970FCE", false, "upper-case hex")]
    [InlineData("{01a20815-a0c6-73bd-b055-bf9658970fce}", false, "braces")]
    [InlineData("01a20815a0c673bdb055bf9658970fce", false, "no hyphens")]
    [InlineData("01a20815-a0c6-73bd-b055-bf9658970fcg", false, "a non-hex digit")]
    public void Only_lowercase_uuidv7_ids_are_accepted(string id, bool valid, string why)
    {
        WireFormat.TryParseId(id, out Guid parsed).Should().Be(valid, why);

        WireEvent wire = WireEvent.FromRecord(Record);
        wire.Id = id;
        string? problem = WireMapping.TryParse(wire, Now, out _);
        if (valid)
        {
            problem.Should().BeNull(why);
            parsed.Should().Be(Guid.Parse(id));
        }
        else
        {
            problem.Should().Contain("UUIDv7", why);
        }
    }

    [Fact]
    public void A_pulled_event_is_never_refused_for_its_time()
    {
        WireEvent wire = WireEvent.FromRecord(Record with { Choice = ConsentChoice.Granted, ExpiresAt = null });
        wire.OccurredAt = "2100-01-01T00:00:00.000Z";

        WireMapping.TryParse(wire, receivedAt: null, out StoredEvent? parsed).Should().BeNull("another touchpoint stored it; it is a fact");

        parsed!.Record.OccurredAt.Should().Be(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(ConsentChoice.Withdrawn)]
    [InlineData(ConsentChoice.Denied)]
    public void A_pushed_refusal_ahead_of_the_server_clock_is_still_accepted(ConsentChoice choice)
    {
        WireEvent wire = WireEvent.FromRecord(Record with { Choice = choice, ExpiresAt = null });
        wire.OccurredAt = WireFormat.FormatTimestamp(Now + TimeSpan.FromMinutes(6));

        WireMapping.TryParse(wire, Now, out StoredEvent? parsed).Should().BeNull("a refusal from a fast clock is still a refusal");
        parsed!.Record.Choice.Should().Be(choice);
    }

    [Fact]
    public void A_pushed_grant_more_than_five_minutes_ahead_of_the_server_clock_is_rejected()
    {
        WireEvent wire = WireEvent.FromRecord(Record with { Choice = ConsentChoice.Granted, ExpiresAt = null });

        wire.OccurredAt = WireFormat.FormatTimestamp(Now + TimeSpan.FromMinutes(5));
        WireMapping.TryParse(wire, Now, out _).Should().BeNull("exactly 5 minutes ahead is within the allowed skew");

        wire.OccurredAt = WireFormat.FormatTimestamp(Now + TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));
        WireMapping.TryParse(wire, Now, out StoredEvent? parsed).Should()
            .Be("occurredAt is more than 5 minutes ahead of the server clock; fix the client clock and requeue");
        parsed.Should().BeNull();
    }

    private static readonly Dictionary<string, (Action<WireEvent> Break, string Field)> Cases = new()
    {
        ["upper-case id"] = (w => w.Id = w.Id!.ToUpperInvariant(), "id"),
        ["not a uuid"] = (w => w.Id = "42", "id"),
        ["missing id"] = (w => w.Id = null, "id"),
        ["missing user"] = (w => w.UserId = null, "UserId"),
        ["user with control char"] = (w => w.UserId = "a\u0001", "UserId"),
        ["bad purpose"] = (w => w.Purpose = "Marketing", "Purpose"),
        ["bad channel"] = (w => w.Channel = "s m s", "Channel"),
        ["unknown choice"] = (w => w.Choice = "maybe", "choice"),
        ["policy version 0"] = (w => w.PolicyVersion = 0, "policyVersion"),
        ["unparseable time"] = (w => w.OccurredAt = "yesterday", "occurredAt"),
        ["before 1970"] = (w => w.OccurredAt = "1969-12-31T23:59:59.999Z", "occurredAt"),
        ["bad source"] = (w => w.Source = "", "Source"),
        ["unparseable expiry"] = (w => w.ExpiresAt = "soon", "expiresAt"),
        ["expiry before occurrence"] = (w => w.ExpiresAt = "2026-01-01T00:00:00.000Z", "ExpiresAt"),
        ["long jurisdiction"] = (w => w.Jurisdiction = new string('j', 40), "Jurisdiction"),
        ["huge evidence"] = (w => w.Evidence = new() { ["x"] = new string('x', 20_000) }, "Evidence"),
        ["null evidence value"] = (w => w.Evidence = new() { ["x"] = null! }, "Evidence"),
        ["missing origin"] = (w => w.Origin = " ", "origin"),
    };

    public static TheoryData<string> BadEvents => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void Invalid_wire_events_are_refused_with_a_reason_naming_the_field(string name)
    {
        (Action<WireEvent> breakIt, string field) = Cases[name];
        WireEvent wire = WireEvent.FromRecord(Record);
        breakIt(wire);

        string? problem = WireMapping.TryParse(wire, Now, out StoredEvent? parsed);

        problem.Should().NotBeNull(name).And.Contain(field, name);
        parsed.Should().BeNull(name);
    }
}
