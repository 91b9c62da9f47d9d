using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// The double. Through its recorder, captures go to <see cref="TestConsent.RecordAsync"/>; through its builder, each
/// capture is stated as <c>Given(u).Granted(p).On(c).At(t)...</c> (the few the builder cannot state, such as a null
/// capture, an undefined choice or a separate denial, go to the recorder).
/// </summary>
internal sealed class DoubleSubject(TestConsent consent, bool viaBuilder) : ISubject
{
    public IConsentGate Gate => consent;

    public ISendGuard Guard => consent;

    /// <param name="configure">The scenario's settings on top of the base catalog.</param>
    /// <param name="viaBuilder">Whether captures are stated through the builder.</param>
    /// <param name="clock">The clock; the double's own when <see langword="null"/>.</param>
    public static DoubleSubject Create(Action<CpmOptions>? configure, bool viaBuilder, FakeTimeProvider? clock = null) =>
        new(TestConsent.Create(o =>
        {
            Catalogs.With(configure)(o);
            o.TimeProvider = clock ?? o.TimeProvider;
        }), viaBuilder);

    public async Task<Guid> RecordAsync(ConsentCapture? capture)
    {
        if (!viaBuilder || capture is null || !Enum.IsDefined(capture.Choice) || (capture.Separate && capture.Choice != ConsentChoice.Granted))
        {
            return (await consent.RecordAsync(capture!)).Id;
        }

        return State(capture).Record.Id;
    }

    public void Advance(TimeSpan by) => consent.Advance(by);

    /// <remarks>The double's own clock, a <see cref="FakeTimeProvider"/>, set back as the real client's is.</remarks>
    public void TurnBack(TimeSpan by) => ((FakeTimeProvider)consent.Clock).AdjustTime(consent.Now - by);

    public Task<Guid> LinkAsync(string userId, string alias)
    {
        consent.Given(userId).LinkedTo(alias);
        return Task.FromResult(consent.Records[^1].Id);
    }

    public Task<Guid> EraseAsync(string userId)
    {
        consent.Given(userId).Erased();
        return Task.FromResult(consent.Records[^1].Id);
    }

    public Task<IReadOnlyList<ConsentRecord>> HistoryAsync(string userId) => consent.GetHistoryAsync(userId);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The capture as a builder statement: the choice, then each field the capture sets, the time before the expiry.</summary>
    private GivenChoice State(ConsentCapture capture)
    {
        GivenPerson person = consent.Given(capture.UserId);
        GivenChoice choice = capture.Choice switch
        {
            ConsentChoice.Granted when capture.Separate => person.GrantedSeparately(capture.Purpose),
            ConsentChoice.Granted => person.Granted(capture.Purpose),
            ConsentChoice.Denied => person.Denied(capture.Purpose),
            _ => person.Withdrew(capture.Purpose),
        };
        if (capture.Channel != "*")
        {
            choice.On(capture.Channel);
        }

        if (capture.OccurredAt is { } occurredAt)
        {
            choice.At(occurredAt);
        }

        if (capture.ExpiresAt is { } expiresAt)
        {
            choice.Until(expiresAt);
        }

        if (capture.PolicyVersion != 1)
        {
            choice.WithPolicyVersion(capture.PolicyVersion);
        }

        if (capture.Jurisdiction is not null)
        {
            choice.Under(capture.Jurisdiction);
        }

        if (capture.Source != "api")
        {
            choice.From(capture.Source);
        }

        if (capture.Frequency is { } frequency)
        {
            choice.WithFrequency(frequency);
        }

        foreach (KeyValuePair<string, string> item in capture.Evidence ?? new Dictionary<string, string>())
        {
            choice.WithEvidence(item.Key, item.Value);
        }

        return choice;
    }
}
