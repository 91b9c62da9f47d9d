namespace Cpm.Sdk.Testing.Tests;

/// <summary>
/// What <see cref="TestConsent.Reservations"/> tells a test about the send code: which sends were given back and when,
/// and that a send the guard did not count, or a release it did not carry out, leaves no trace.
/// </summary>
public sealed class ReservationTests
{
    private static void Catalog(CpmOptions o)
    {
        o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
        o.Channels.Add("sms");
        o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day));
    }

    [Fact]
    public async Task A_release_gives_the_place_back_once_and_a_second_release_changes_nothing()
    {
        TestConsent consent = TestConsent.Create(Catalog);
        consent.Given("u").Granted("marketing");
        SendDecision first = await consent.ReserveAsync("u", "marketing", "sms");
        consent.Advance(TimeSpan.FromMinutes(1));
        await consent.ReleaseAsync(first.ReservationId!.Value);
        DateTimeOffset releasedAt = consent.Now;
        SendDecision second = await consent.ReserveAsync("u", "marketing", "sms");

        consent.Advance(TimeSpan.FromMinutes(1));
        await consent.ReleaseAsync(first.ReservationId.Value);

        second.IsAllowed.Should().BeTrue("the release made room again");
        (await consent.ReserveAsync("u", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped, "releasing twice frees one place");
        consent.Reservations.Should().Equal(
            new SendReservation(first.ReservationId.Value, "u", "marketing", "sms", TestConsent.DefaultStart) { ReleasedAt = releasedAt },
            new SendReservation(second.ReservationId!.Value, "u", "marketing", "sms", releasedAt));
    }

    [Fact]
    public async Task An_erasure_forgets_the_person_s_counted_sends_only()
    {
        TestConsent consent = TestConsent.Create(Catalog);
        consent.Given("u").Granted("marketing");
        consent.Given("v").Granted("marketing");
        SendDecision ofU = await consent.ReserveAsync("u", "marketing", "sms");
        SendDecision ofV = await consent.ReserveAsync("v", "marketing", "sms");
        consent.Advance(TimeSpan.FromSeconds(1));
        consent.Given("u").Erased();

        await consent.ReleaseAsync(ofU.ReservationId!.Value);
        await consent.ReleaseAsync(ofV.ReservationId!.Value);

        consent.Reservations.Select(r => (r.UserId, r.IsReleased)).Should().Equal(("u", false), ("v", true));
        (await consent.ReserveAsync("v", "marketing", "sms")).IsAllowed.Should().BeTrue("v's release gave the place back");
    }

    [Fact]
    public async Task A_cancelled_reservation_is_not_listed_and_a_cancelled_release_leaves_the_send_counted()
    {
        var clock = new CancellingClock(TestConsent.DefaultStart);
        TestConsent consent = TestConsent.Create(o => { Catalog(o); o.TimeProvider = clock; });
        consent.Given("u").Granted("marketing");
        using var during = new CancellationTokenSource();
        clock.CancelOnNextReading(during);

        await FluentActions.Awaiting(async () => await consent.ReserveAsync("u", "marketing", "sms", during.Token))
            .Should().ThrowAsync<OperationCanceledException>();
        consent.Reservations.Should().BeEmpty();
        SendDecision counted = await consent.ReserveAsync("u", "marketing", "sms");
        await FluentActions.Awaiting(async () => await consent.ReleaseAsync(counted.ReservationId!.Value, during.Token))
            .Should().ThrowAsync<OperationCanceledException>();

        consent.Reservations.Should().ContainSingle().Which.IsReleased.Should().BeFalse();
    }
}
