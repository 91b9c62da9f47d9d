using Cpm.Sdk.Testing.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Testing;

/// <summary>
/// An in-memory <see cref="IConsentGate"/>, <see cref="IConsentRecorder"/>, <see cref="ISendGuard"/> and
/// <see cref="IConsentHistory"/> for the tests of a host application's own code, with no SQLite file. It decides by
/// the client's own code, not a copy: the same catalog, gate index and decision rules, the same validation of captures
/// (the same exceptions for the same bad input), the same send guard with its frequency caps and calendar periods. State
/// what people chose with <see cref="Given"/>, move time with <see cref="Advance"/>, and assert on what the code under
/// test recorded (<see cref="Recorded"/>) and reserved (<see cref="Reservations"/>).
/// </summary>
/// <example>
/// <code>
/// TestConsent consent = TestConsent.Create(o =>
/// {
///     o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
///     o.Channels.Add("sms");
/// });
/// consent.Given("u-1").Granted("marketing").On("sms").WithFrequency(1, FrequencyPeriod.Week);
/// consent.Given("u-2").Withdrew("marketing");
///
/// await new SmsCampaign(consent, sms).SendAsync(["u-1", "u-2"], "Hello");   // the code under test
///
/// consent.Reservations.Should().ContainSingle(r => r.UserId == "u-1");
/// </code>
/// </example>
/// <remarks>
/// What is not the gate's: no store, no sync, no audit log, no alerts and no metrics. The options that configure
/// those (<see cref="CpmOptions.DatabasePath"/>, <see cref="CpmOptions.Endpoint"/>, ...) are validated as
/// <see cref="CpmClient.OpenAsync"/> validates them, but for the path, which may be left empty, and are otherwise
/// unused. Every member is thread-safe.
/// </remarks>
public sealed partial class TestConsent : IConsentGate, IConsentRecorder, ISendGuard, IConsentHistory
{
    private readonly MemoryParts _parts;
    private readonly MemoryStore _store;

    private TestConsent(MemoryParts parts)
    {
        _parts = parts;
        _store = new MemoryStore(parts);
    }

    /// <summary>
    /// Where the clock of a double starts when the options leave <see cref="CpmOptions.TimeProvider"/> at the system
    /// clock: Monday 5 January 2026, 09:00 UTC (the first day of a week, a month is under way).
    /// </summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The clock the double reads: <see cref="CpmOptions.TimeProvider"/> when the options set one, else a
    /// <see cref="FakeTimeProvider"/> starting at <see cref="DefaultStart"/> that only <see cref="Advance"/> moves.
    /// </summary>
    public TimeProvider Clock => _parts.Clock;

    /// <summary>The time now, by <see cref="Clock"/>.</summary>
    public DateTimeOffset Now => _parts.Clock.GetUtcNow();

    /// <summary>Stamped on every record as <see cref="ConsentRecord.Origin"/>, as a store's instance id is.</summary>
    public string InstanceId => _parts.InstanceId;

    /// <summary>Every event stored, in order: the statements of <see cref="Given"/> and what the code under test recorded.</summary>
    public IReadOnlyList<ConsentRecord> Records => _store.Records;

    /// <summary>
    /// What the code under test recorded through <see cref="RecordAsync"/>, in order, as it was returned (the statements
    /// of <see cref="Given"/> are not among them).
    /// </summary>
    public IReadOnlyList<ConsentRecord> Recorded => _store.Recorded;

    /// <summary>Every send <see cref="ReserveAsync"/> allowed and counted, in order, with its release if any.</summary>
    public IReadOnlyList<SendReservation> Reservations => _parts.Ledger.Reservations;

    /// <summary>A double over the catalog, caps and time zone that <paramref name="configure"/> sets, as for a client.</summary>
    /// <param name="configure">Sets the options: purposes, channels, frequency rules, time zone, jurisdiction, alias kinds, clock.</param>
    /// <returns>The double, empty: nothing recorded.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, as <see cref="CpmClient.OpenAsync"/> does.</exception>
    public static TestConsent Create(Action<CpmOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new CpmOptions();
        configure(options);
        return Create(options);
    }

    /// <summary>A double over the catalog, caps and time zone of <paramref name="options"/>, such as the host's own.</summary>
    /// <param name="options">The options; read once, now. Their <see cref="CpmOptions.DatabasePath"/> is not used.</param>
    /// <returns>The double, empty: nothing recorded.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, as <see cref="CpmClient.OpenAsync"/> does.</exception>
    public static TestConsent Create(CpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider clock = options.TimeProvider == TimeProvider.System || options.TimeProvider is null
            ? new FakeTimeProvider(DefaultStart)
            : options.TimeProvider;
        return new TestConsent(MemoryParts.Create(options, clock));
    }

    /// <summary>Starts a statement about a person: <c>Given("u").Granted("marketing").On("sms")</c>.</summary>
    /// <param name="userId">The person; checked by the statement, as a capture's user id.</param>
    /// <returns>The person, to state what they chose.</returns>
    public GivenPerson Given(string userId) => new(_store, userId);

    /// <summary>Moves the clock forward, such as past a consent's expiry or into next week's frequency period.</summary>
    /// <param name="time">How far; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The clock is one the options set and not a <see cref="FakeTimeProvider"/>: move it there.</exception>
    public void Advance(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        if (_parts.Clock is not FakeTimeProvider fake)
        {
            throw new InvalidOperationException("The clock is the TimeProvider set in the options; move it there.");
        }

        fake.Advance(time);
    }
}
