using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Preferences;

/// <summary>
/// The send guard on a real store (issue 9 §4): the gate first, then the caps; calendar periods on a fake clock;
/// atomic under concurrency; durable across a restart; releases; transactional purposes never counted; erasure.
/// </summary>
public sealed class SendGuardTests
{
    /// <summary>Wednesday 2026-12-02 10:00 UTC.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_campaign_of_five_to_a_person_capped_at_two_a_week_sends_two_until_the_week_rolls_over()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Wednesday);
        await using CpmClient cpm = await store.OpenAsync(clock, o => o.FrequencyRules.Add(new FrequencyRule("sms", 2, FrequencyPeriod.Week)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        var decisions = new List<SendDecision>();
        for (int i = 0; i < 5; i++)
        {
            decisions.Add(await cpm.ReserveAsync("alice", "marketing", "sms"));
        }

        decisions.Select(d => d.IsAllowed).Should().Equal(true, true, false, false, false);
        decisions.Take(2).Should().OnlyContain(d => d.Reason == DecisionReason.Granted && d.ReservationId != null);
        decisions.Skip(2).Should().OnlyContain(d => d.Reason == DecisionReason.FrequencyCapped && d.ReservationId == null);
        (await cpm.ReserveAsync("alice", "marketing", "email")).IsAllowed.Should().BeTrue("the rule caps sms only");
        (await cpm.ReserveAsync("bob", "marketing", "sms")).Reason.Should().Be(DecisionReason.NoConsent, "the gate decides first");

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 23, 59, 59, TimeSpan.Zero));   // Sunday: the same week
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));      // Monday: a new week
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
    }

    [Fact]
    public async Task The_cap_of_the_deciding_grant_counts_the_sends_its_key_covers_and_the_most_restrictive_cap_wins()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Wednesday);
        await using CpmClient cpm = await store.OpenAsync(clock, o => o.FrequencyRules.Add(new FrequencyRule("*", 3, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));
        clock.Advance(TimeSpan.FromSeconds(1));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "sms", ConsentChoice.Granted) { Frequency = new FrequencyCap(1, FrequencyPeriod.Week) });

        (await cpm.ReserveAsync("alice", "marketing.promotions", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped, "her sms grant says once a week, topics included");
        (await cpm.ReserveAsync("alice", "marketing", "email")).IsAllowed.Should().BeTrue("the '*' grant decides email and carries no cap");
        (await cpm.ReserveAsync("alice", "marketing", "wechat")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing", "app-push")).Reason.Should().Be(DecisionReason.FrequencyCapped, "the business's 3 a day are used");

        clock.Advance(TimeSpan.FromDays(1));
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped, "a new day, the same week");
        (await cpm.ReserveAsync("alice", "marketing", "app-push")).IsAllowed.Should().BeTrue();

        // A new grant without a cap decides from now on, and with it the cap goes.
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "sms", ConsentChoice.Granted));
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task A_grant_on_every_channel_with_a_cap_counts_the_sends_on_every_channel()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Wednesday));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing.promotions", "*", ConsentChoice.Granted) { Frequency = new FrequencyCap(2, FrequencyPeriod.Month) });

        (await cpm.ReserveAsync("alice", "marketing.promotions", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing.promotions.summer", "email")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing.promotions", "wechat")).Reason.Should().Be(DecisionReason.FrequencyCapped);
        (await cpm.ReserveAsync("alice", "marketing", "wechat")).Reason.Should().Be(DecisionReason.NoConsent, "the grant is for promotions only");
    }

    [Fact]
    public async Task Sixty_four_concurrent_reservations_for_one_person_under_a_cap_of_three_allow_exactly_three()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Wednesday), o => o.FrequencyRules.Add(new FrequencyRule("*", 3, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        using var start = new ManualResetEventSlim();
        Task<SendDecision>[] calls = [.. Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await cpm.ReserveAsync("alice", "marketing", i % 2 == 0 ? "sms" : "email");
        }))];
        start.Set();
        SendDecision[] decisions = await Task.WhenAll(calls);

        decisions.Count(d => d.IsAllowed).Should().Be(3);
        decisions.Where(d => !d.IsAllowed).Should().OnlyContain(d => d.Reason == DecisionReason.FrequencyCapped);
        decisions.Where(d => d.IsAllowed).Select(d => d.ReservationId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        LedgerRows(store.DatabasePath).Should().BeEquivalentTo(decisions.Where(d => d.IsAllowed).Select(d => d.ReservationId!.Value));
    }

    [Fact]
    public async Task Counts_survive_a_restart()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Wednesday);
        Action<CpmOptions> capped = o => o.FrequencyRules.Add(new FrequencyRule("sms", 2, FrequencyPeriod.Month));
        await using (CpmClient cpm = await store.OpenAsync(clock, capped))
        {
            await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));
            (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
            (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        }

        clock.Advance(TimeSpan.FromDays(10));
        await using (CpmClient reopened = await store.OpenAsync(clock, capped))
        {
            (await reopened.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
        }

        clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using CpmClient nextMonth = await store.OpenAsync(clock, capped);
        (await nextMonth.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue("December's sends do not count in January");
    }

    [Fact]
    public async Task A_released_reservation_gives_its_place_back_once_and_a_past_one_changes_nothing()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Wednesday);
        await using CpmClient cpm = await store.OpenAsync(clock, o => o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        SendDecision first = await cpm.ReserveAsync("alice", "marketing", "sms");
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
        await cpm.ReleaseAsync(first.ReservationId!.Value);
        SendDecision second = await cpm.ReserveAsync("alice", "marketing", "sms");
        second.IsAllowed.Should().BeTrue("the released send did not happen");

        await cpm.ReleaseAsync(first.ReservationId!.Value);   // twice: nothing left to give back
        await cpm.ReleaseAsync(Guid.CreateVersion7());          // unknown
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);

        clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero));
        await cpm.ReleaseAsync(second.ReservationId!.Value);   // its day, week and month are over: changes nothing
        LedgerRows(store.DatabasePath).Should().Contain(second.ReservationId!.Value);
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
    }

    [Theory]
    [InlineData("order-status")]
    [InlineData("tax-records")]
    public async Task Contract_and_legal_obligation_purposes_are_never_capped_nor_counted(string purpose)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Wednesday), o => o.FrequencyRules.Add(new FrequencyRule("*", 1, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        for (int i = 0; i < 5; i++)
        {
            (await cpm.ReserveAsync("alice", purpose, "sms")).Should().Be(new SendDecision(true, DecisionReason.LegalBasis, null));
        }

        LedgerRows(store.DatabasePath).Should().BeEmpty();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue("transactional sends used none of the marketing cap");
    }

    [Fact]
    public async Task Rules_match_by_purpose_and_its_topics_and_by_channel_and_the_most_restrictive_decides()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Wednesday), o =>
        {
            o.FrequencyRules.Add(new FrequencyRule("*", 3, FrequencyPeriod.Week));
            o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "marketing.promotions" });
        });
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        (await cpm.ReserveAsync("alice", "marketing.promotions.summer", "sms")).IsAllowed.Should().BeTrue();
        (await cpm.ReserveAsync("alice", "marketing.promotions", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped, "a topic counts for its parent's rule");
        (await cpm.ReserveAsync("alice", "marketing.news", "sms")).IsAllowed.Should().BeTrue("marketing.news is no topic of marketing.promotions");
        (await cpm.ReserveAsync("alice", "marketing.promotions", "email")).IsAllowed.Should().BeTrue("the promotions rule caps sms only");
        (await cpm.ReserveAsync("alice", "analytics", "email")).Reason.Should().Be(DecisionReason.FrequencyCapped, "three this week on every channel and purpose");
    }

    [Fact]
    public async Task Weeks_and_days_are_counted_in_the_configured_time_zone()
    {
        using var store = new TempStore();
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.FromHours(8)));   // Sunday night in Shanghai
        await using CpmClient cpm = await store.OpenAsync(clock, o =>
        {
            o.TimeZone = shanghai;
            o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Week));
        });
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 0, 10, 0, TimeSpan.FromHours(8)));   // Monday 00:10 in Shanghai, still Sunday in UTC
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue("a new week has begun in Shanghai");
        (await cpm.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
    }

    [Fact]
    public async Task An_erasure_deletes_the_persons_counted_sends()
    {
        using var store = new TempStore();
        var clock = new FakeTimeProvider(Wednesday);
        await using CpmClient cpm = await store.OpenAsync(clock, o => o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "analytics", "*", ConsentChoice.Granted));
        await cpm.RecordAsync(new ConsentCapture("bob", "analytics", "*", ConsentChoice.Granted));
        Guid alices = (await cpm.ReserveAsync("alice", "analytics", "sms")).ReservationId!.Value;
        Guid bobs = (await cpm.ReserveAsync("bob", "analytics", "sms")).ReservationId!.Value;

        await cpm.EraseAsync("alice");

        LedgerRows(store.DatabasePath).Should().Equal(bobs);
        LedgerRows(store.DatabasePath).Should().NotContain(alices);
        (await cpm.ReserveAsync("alice", "analytics", "sms")).Reason.Should().Be(DecisionReason.Erased);
        clock.Advance(TimeSpan.FromMinutes(1));
        await cpm.RecordAsync(new ConsentCapture("alice", "analytics", "*", ConsentChoice.Granted));
        (await cpm.ReserveAsync("alice", "analytics", "sms")).IsAllowed.Should().BeTrue("an erased person's counts went with them");
        (await cpm.ReserveAsync("bob", "analytics", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
    }

    public static TheoryData<string?, string?, string?, string> BadReservations() => new()
    {
        { null, "marketing", "sms", "userId" },
        { "", "marketing", "sms", "userId" },
        { "   ", "marketing", "sms", "userId" },
        { "a\u0001b", "marketing", "sms", "userId" },
        { new string('x', 257), "marketing", "sms", "userId" },
        { "alice", null, "sms", "purpose" },
        { "alice", "", "sms", "purpose" },
        { "alice", "Marketing", "sms", "purpose" },
        { "alice", "marketing!", "sms", "purpose" },
        { "alice", "marketing", null, "channel" },
        { "alice", "marketing", "*", "channel" },
        { "alice", "marketing", "SMS", "channel" },
        { "alice", "marketing", "", "channel" },
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public async Task A_malformed_reservation_names_its_parameter_and_counts_nothing(string? userId, string? purpose, string? channel, string parameter)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Wednesday), o => o.FrequencyRules.Add(new FrequencyRule("*", 1, FrequencyPeriod.Day)));
        await cpm.RecordAsync(new ConsentCapture("alice", "marketing", "*", ConsentChoice.Granted));

        Func<Task> reserve = async () => await cpm.ReserveAsync(userId!, purpose!, channel!);

        (await reserve.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(parameter);
        LedgerRows(store.DatabasePath).Should().BeEmpty();
        (await cpm.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue("nothing was counted");
    }

    [Fact]
    public async Task An_unknown_purpose_or_channel_is_the_gates_denial_not_an_error()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(new FakeTimeProvider(Wednesday));

        (await cpm.ReserveAsync("alice", "ads", "sms")).Should().Be(new SendDecision(false, DecisionReason.UnknownPurpose, null));
        (await cpm.ReserveAsync("alice", "marketing", "fax")).Should().Be(new SendDecision(false, DecisionReason.UnknownChannel, null));
    }

    internal static List<Guid> LedgerRows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT reservation_id FROM send_ledger ORDER BY reserved_at";
        using SqliteDataReader reader = command.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read())
        {
            ids.Add(new Guid(reader.GetFieldValue<byte[]>(0), bigEndian: true));
        }

        return ids;
    }
}
