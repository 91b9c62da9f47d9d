namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// Cancellation in the send guard, on the real client and on the double alike: a reservation or a release whose token
/// is cancelled, before the call or while it runs, throws <see cref="OperationCanceledException"/> and changes no count.
/// </summary>
public sealed class CancellationParityTests
{
    public static TheoryData<string> Subjects => ["real", "recorder", "builder"];

    [Theory]
    [MemberData(nameof(Subjects))]
    public async Task A_cancelled_reservation_counts_nothing_and_a_cancelled_release_gives_nothing_back(string subjectName)
    {
        var clock = new CancellingClock(DecisionTable.Start);
        await using ISubject subject = subjectName == "real"
            ? await RealSubject.OpenAsync(configure: null, clock)
            : DoubleSubject.Create(configure: null, viaBuilder: subjectName == "builder", clock);
        await subject.RecordAsync(new ConsentCapture("u", "marketing", "sms", ConsentChoice.Granted) { Frequency = new FrequencyCap(1, FrequencyPeriod.Day) });
        using var before = new CancellationTokenSource();
        await before.CancelAsync();
        using var during = new CancellationTokenSource();

        await FluentActions.Awaiting(async () => await subject.Guard.ReserveAsync("u", "marketing", "sms", before.Token))
            .Should().ThrowAsync<OperationCanceledException>("cancelled before the call");
        clock.CancelOnNextReading(during);
        await FluentActions.Awaiting(async () => await subject.Guard.ReserveAsync("u", "marketing", "sms", during.Token))
            .Should().ThrowAsync<OperationCanceledException>("cancelled after the token was checked on entry");
        during.IsCancellationRequested.Should().BeTrue();
        SendDecision counted = await subject.Guard.ReserveAsync("u", "marketing", "sms");
        counted.Should().Match<SendDecision>(d => d.IsAllowed && d.ReservationId != null, "the cancelled reservations counted nothing");

        await FluentActions.Awaiting(async () => await subject.Guard.ReleaseAsync(counted.ReservationId!.Value, before.Token))
            .Should().ThrowAsync<OperationCanceledException>();
        (await subject.Guard.ReserveAsync("u", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped, "the cancelled release gave nothing back");
        await subject.Guard.ReleaseAsync(counted.ReservationId!.Value);
        (await subject.Guard.ReserveAsync("u", "marketing", "sms")).IsAllowed.Should().BeTrue("the release gave the place back");
    }
}
