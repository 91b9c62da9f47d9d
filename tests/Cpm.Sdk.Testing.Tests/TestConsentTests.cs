using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Testing.Tests;

/// <summary>The double itself: its clock, what it lets a test observe, and its behaviour under concurrency.</summary>
public sealed class TestConsentTests
{
    private static void Catalog(CpmOptions o)
    {
        o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
        o.Channels.Add("sms");
        o.Channels.Add("email");
    }

    [Fact]
    public void The_default_clock_starts_on_a_Monday_morning_and_only_Advance_moves_it()
    {
        TestConsent consent = TestConsent.Create(Catalog);

        consent.Now.Should().Be(TestConsent.DefaultStart);
        TestConsent.DefaultStart.DayOfWeek.Should().Be(DayOfWeek.Monday);
        consent.Clock.Should().BeOfType<FakeTimeProvider>();
        consent.Advance(TimeSpan.FromHours(2));
        consent.Now.Should().Be(TestConsent.DefaultStart.AddHours(2));
        consent.Invoking(c => c.Advance(TimeSpan.FromTicks(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("time");
    }

    [Fact]
    public void A_clock_set_in_the_options_is_the_one_the_double_reads()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        TestConsent consent = TestConsent.Create(o => { Catalog(o); o.TimeProvider = clock; });
        consent.Given("u").Granted("marketing").Until(clock.GetUtcNow().AddDays(1));

        clock.Advance(TimeSpan.FromDays(1));

        consent.Clock.Should().BeSameAs(clock);
        consent.Evaluate("u", "marketing", "sms").Reason.Should().Be(DecisionReason.Expired);
        consent.Invoking(c => c.Advance(TimeSpan.FromDays(1))).Should().NotThrow("a fake clock is moved by either");
        TestConsent.Create(o => { Catalog(o); o.TimeProvider = new OtherClock(); })
            .Invoking(c => c.Advance(TimeSpan.FromDays(1))).Should().Throw<InvalidOperationException>()
            .WithMessage("The clock is the TimeProvider set in the options; move it there.");
    }

    [Fact]
    public async Task What_the_code_records_is_listed_as_returned_and_in_the_person_s_history()
    {
        TestConsent consent = TestConsent.Create(Catalog);
        consent.Given("u").Granted("marketing");
        consent.Advance(TimeSpan.FromSeconds(1));

        ConsentRecord recorded = await consent.RecordAsync(new ConsentCapture("u", "marketing", "sms", ConsentChoice.Withdrawn) { Source = "web" });

        consent.Recorded.Should().Equal(recorded);
        consent.Records.Should().HaveCount(2).And.EndWith(recorded);
        recorded.Should().BeEquivalentTo(new { OccurredAt = consent.Now, RecordedAt = consent.Now, Origin = consent.InstanceId, Source = "web" });
        (await consent.GetHistoryAsync("u")).Should().Equal(consent.Records);
        consent.CanUse("u", "marketing", "sms").Should().BeFalse("the gate reflects a record at once");
        (await consent.GetHistoryAsync("nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancelled_recording_stores_nothing_but_bad_input_is_refused_first()
    {
        TestConsent consent = TestConsent.Create(Catalog);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        ValueTask<ConsentRecord> pending = consent.RecordAsync(new ConsentCapture("u", "marketing", "sms", ConsentChoice.Granted), cancelled.Token);

        pending.IsCanceled.Should().BeTrue();
        consent.Records.Should().BeEmpty();
        await FluentActions.Awaiting(async () => await consent.RecordAsync(new ConsentCapture("u", "nope", "sms", ConsentChoice.Granted), cancelled.Token))
            .Should().ThrowAsync<ArgumentException>().WithParameterName("capture.Purpose");
    }

    [Fact]
    public async Task Bad_arguments_to_the_history_are_refused_by_name()
    {
        TestConsent consent = TestConsent.Create(Catalog);

        // Refused at the call, as the client refuses them, not in the returned task.
        FluentActions.Invoking(() => { _ = consent.GetHistoryAsync(null!); }).Should().Throw<ArgumentNullException>().WithParameterName("userId");
        FluentActions.Invoking(() => { _ = consent.GetHistoryAsync("a\u0000b"); }).Should().Throw<ArgumentException>().WithParameterName("userId");
        await FluentActions.Awaiting(() => consent.GetHistoryAsync("u", new CancellationToken(canceled: true))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Reservations_list_each_counted_send_and_its_release()
    {
        TestConsent consent = TestConsent.Create(o => { Catalog(o); o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day)); });
        consent.Given("u").Granted("marketing");

        SendDecision first = await consent.ReserveAsync("u", "marketing.promotions", "sms");
        SendDecision capped = await consent.ReserveAsync("u", "marketing", "sms");
        consent.Advance(TimeSpan.FromMinutes(1));
        await consent.ReleaseAsync(first.ReservationId!.Value);
        SendDecision again = await consent.ReserveAsync("u", "marketing", "sms");

        capped.Reason.Should().Be(DecisionReason.FrequencyCapped);
        consent.Reservations.Should().Equal(
            new SendReservation(first.ReservationId.Value, "u", "marketing.promotions", "sms", TestConsent.DefaultStart) { ReleasedAt = consent.Now },
            new SendReservation(again.ReservationId!.Value, "u", "marketing", "sms", consent.Now));
        consent.Reservations[0].IsReleased.Should().BeTrue();
        consent.Reservations[1].IsReleased.Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_reservations_for_one_person_never_overshoot_the_cap()
    {
        TestConsent consent = TestConsent.Create(Catalog);
        consent.Given("u").Granted("marketing").WithFrequency(3, FrequencyPeriod.Week);

        SendDecision[] decisions = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () => await consent.ReserveAsync("u", "marketing", "sms"))));

        decisions.Count(d => d.IsAllowed).Should().Be(3);
        consent.Reservations.Should().HaveCount(3);
    }

    [Fact]
    public async Task Concurrent_recordings_and_questions_leave_the_latest_choice_deciding()
    {
        TestConsent consent = TestConsent.Create(Catalog);
        DateTimeOffset start = consent.Now;

        Task[] writers = [.. Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await consent.RecordAsync(new ConsentCapture($"u{i % 10}", "marketing", i % 2 == 0 ? "sms" : "*", (ConsentChoice)(i % 3))
            {
                OccurredAt = start.AddMilliseconds(-1000 + i),
            });
            _ = consent.Evaluate($"u{(i + 1) % 10}", "marketing", "sms");
        }))];
        await Task.WhenAll(writers);

        consent.Records.Should().HaveCount(200);
        for (int user = 0; user < 10; user++)
        {
            // The latest capture of u{user} is the one with the greatest i among i % 10 == user: i = 190 + user.
            int i = 190 + user;
            consent.Evaluate($"u{user}", "marketing", "sms").RecordId.Should().Be(
                consent.Records.Single(r => r.OccurredAt == start.AddMilliseconds(-1000 + i)).Id);
        }
    }

    private sealed class OtherClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TestConsent.DefaultStart;
    }
}
