using Cpm.Sdk.Testing.Memory;

namespace Cpm.Sdk.Testing;

/// <summary>
/// One stated choice, "granted marketing", already recorded and refined in place until the next statement:
/// <c>.On("sms").At(time).WithFrequency(1, FrequencyPeriod.Week)</c>. Each refinement records the choice again, with the
/// same id, through the same validation as <see cref="IConsentRecorder.RecordAsync"/>. Bad input throws and takes the
/// whole statement back, as <c>RecordAsync</c> stores nothing of a bad capture. Only the latest statement of a
/// <see cref="TestConsent"/> can be refined, and only while it stands.
/// </summary>
public sealed class GivenChoice
{
    private readonly MemoryStore _store;
    private ConsentCapture _capture;

    internal GivenChoice(GivenPerson person, MemoryStore store, ConsentCapture capture, ConsentRecord record)
    {
        And = person;
        _store = store;
        _capture = capture;
        Record = record;
    }

    /// <summary>The person, to state another choice: <c>.And.Denied("analytics")</c>.</summary>
    public GivenPerson And { get; }

    /// <summary>The record as stored now.</summary>
    public ConsentRecord Record { get; private set; }

    /// <summary>The choice was made on <paramref name="channel"/> only, instead of every channel.</summary>
    /// <param name="channel">A channel of the catalog, or <c>*</c>.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">The channel is invalid or unknown; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice On(string channel) => Refine(_capture with { Channel = channel });

    /// <summary>The choice was made at <paramref name="occurredAt"/> instead of now (at most 5 minutes ahead, as for a capture).</summary>
    /// <param name="occurredAt">When the person chose.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">The time is refused, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice At(DateTimeOffset occurredAt) => Refine(_capture with { OccurredAt = occurredAt });

    /// <summary>The consent lapses at <paramref name="expiresAt"/> (<see cref="ConsentCapture.ExpiresAt"/>).</summary>
    /// <param name="expiresAt">After the time the choice was made.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">The expiry is refused, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice Until(DateTimeOffset expiresAt) => Refine(_capture with { ExpiresAt = expiresAt });

    /// <summary>The grant carries the person's frequency, "at most once a week" (<see cref="ConsentCapture.Frequency"/>).</summary>
    /// <param name="frequency">1 to 10,000 sends a period.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">Not a grant, or an invalid cap, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice WithFrequency(FrequencyCap frequency) => Refine(_capture with { Frequency = frequency });

    /// <summary>The grant carries the person's frequency: at most <paramref name="maxSends"/> a <paramref name="period"/>.</summary>
    /// <param name="maxSends">1 to 10,000.</param>
    /// <param name="period">The calendar period.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">Not a grant, or an invalid cap, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice WithFrequency(int maxSends, FrequencyPeriod period) => WithFrequency(new FrequencyCap(maxSends, period));

    /// <summary>The person saw notice version <paramref name="policyVersion"/> (<see cref="ConsentCapture.PolicyVersion"/>; default 1).</summary>
    /// <param name="policyVersion">At least 1.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice WithPolicyVersion(int policyVersion) => Refine(_capture with { PolicyVersion = policyVersion });

    /// <summary>The choice was made under <paramref name="jurisdiction"/>, which becomes the person's if it is their latest.</summary>
    /// <param name="jurisdiction">PIPL, GDPR, CCPA, ...</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">The jurisdiction is refused, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice Under(string jurisdiction) => Refine(_capture with { Jurisdiction = jurisdiction });

    /// <summary>The choice came through touchpoint <paramref name="source"/> (<see cref="ConsentCapture.Source"/>; default <c>api</c>).</summary>
    /// <param name="source">web, app, miniprogram, ...</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">The source is refused, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice From(string source) => Refine(_capture with { Source = source });

    /// <summary>The choice carries one more item of evidence (<see cref="ConsentCapture.Evidence"/>).</summary>
    /// <param name="key">Such as <c>ip</c> or <c>form</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This choice.</returns>
    /// <exception cref="ArgumentException">The evidence is refused, as for a capture; the statement is taken back whole.</exception>
    /// <exception cref="InvalidOperationException">Another statement was made since, or this one was taken back.</exception>
    public GivenChoice WithEvidence(string key, string value)
    {
        var evidence = new Dictionary<string, string>(_capture.Evidence ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [key] = value };
        return Refine(_capture with { Evidence = evidence });
    }

    private GivenChoice Refine(ConsentCapture capture)
    {
        Record = _store.Replace(Record, capture);
        _capture = capture;
        return this;
    }
}
