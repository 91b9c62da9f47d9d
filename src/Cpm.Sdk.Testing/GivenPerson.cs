using Cpm.Sdk.Testing.Memory;

namespace Cpm.Sdk.Testing;

/// <summary>
/// "Given user u": a person about whom a test states what they chose, from <see cref="TestConsent.Given"/>. Each
/// statement is recorded at once, through the same validation as <see cref="IConsentRecorder.RecordAsync"/> (a typo in a
/// purpose throws here, naming the field), at the double's time now, on every channel (<c>*</c>) until refined.
/// </summary>
public sealed class GivenPerson
{
    private readonly MemoryStore _store;

    internal GivenPerson(MemoryStore store, string userId)
    {
        _store = store;
        UserId = userId;
    }

    /// <summary>The person.</summary>
    public string UserId { get; }

    /// <summary>The person granted <paramref name="purpose"/> (on every channel until <see cref="GivenChoice.On"/>).</summary>
    /// <param name="purpose">A purpose of the catalog or a topic of one.</param>
    /// <returns>The choice, to refine.</returns>
    /// <exception cref="ArgumentException">
    /// The capture is invalid, as for <see cref="IConsentRecorder.RecordAsync"/>; a purpose that requires separate
    /// consent needs <see cref="GrantedSeparately"/>.
    /// </exception>
    public GivenChoice Granted(string purpose) => State(purpose, ConsentChoice.Granted, separate: false);

    /// <summary>
    /// The person granted <paramref name="purpose"/> for it alone (<see cref="ConsentCapture.Separate"/>), as a purpose
    /// with <see cref="PurposeDefinition.RequiresSeparateConsent"/> needs.
    /// </summary>
    /// <param name="purpose">A purpose of the catalog or a topic of one.</param>
    /// <returns>The choice, to refine.</returns>
    /// <exception cref="ArgumentException">The capture is invalid, as for <see cref="IConsentRecorder.RecordAsync"/>.</exception>
    public GivenChoice GrantedSeparately(string purpose) => State(purpose, ConsentChoice.Granted, separate: true);

    /// <summary>The person refused <paramref name="purpose"/>.</summary>
    /// <param name="purpose">A purpose of the catalog or a topic of one.</param>
    /// <returns>The choice, to refine.</returns>
    /// <exception cref="ArgumentException">The capture is invalid, as for <see cref="IConsentRecorder.RecordAsync"/>.</exception>
    public GivenChoice Denied(string purpose) => State(purpose, ConsentChoice.Denied, separate: false);

    /// <summary>The person withdrew <paramref name="purpose"/>.</summary>
    /// <param name="purpose">A purpose of the catalog or a topic of one.</param>
    /// <returns>The choice, to refine.</returns>
    /// <exception cref="ArgumentException">The capture is invalid, as for <see cref="IConsentRecorder.RecordAsync"/>.</exception>
    public GivenChoice Withdrew(string purpose) => State(purpose, ConsentChoice.Withdrawn, separate: false);

    /// <summary>
    /// The person is reached at <paramref name="alias"/> (<c>phone:+8613800000000</c>), as
    /// <see cref="IDataSubjectRights.LinkAsync"/> links it: the gate's <c>Resolve</c>, <c>EvaluateAlias</c> and
    /// <c>FilterAliases</c> find them by it.
    /// </summary>
    /// <param name="alias"><c>kind:value</c>, with a kind of <see cref="CpmOptions.AliasKinds"/>; normalised as at link time.</param>
    /// <returns>The person, for more statements.</returns>
    /// <exception cref="ArgumentException">The alias or the user id is invalid, or the person was erased, as for <c>LinkAsync</c>.</exception>
    public GivenPerson LinkedTo(string alias)
    {
        _store.Link(UserId, alias);
        return this;
    }

    /// <summary>
    /// The person's data was erased now, as by <see cref="IDataSubjectRights.EraseAsync"/>: the gate answers
    /// <see cref="DecisionReason.Erased"/> for them until they choose again.
    /// </summary>
    /// <returns>The person, for more statements (a later grant brings them back).</returns>
    /// <exception cref="ArgumentException">Nothing is held about the person, as for <c>EraseAsync</c>.</exception>
    public GivenPerson Erased()
    {
        _store.Erase(UserId);
        return this;
    }

    private GivenChoice State(string purpose, ConsentChoice choice, bool separate)
    {
        var capture = new ConsentCapture(UserId, purpose, "*", choice) { Separate = separate, OccurredAt = _store.Now };
        return new GivenChoice(this, _store, capture, _store.Record(capture, byCode: false));
    }
}
