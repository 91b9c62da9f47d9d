namespace Cpm.Sdk;

/// <summary>
/// The gate that send pipelines ask before they touch a person's data or send to them.
/// It answers from memory, never does I/O, works offline and fails closed.
/// </summary>
public interface IConsentGate
{
    /// <summary>Whether <paramref name="userId"/> may be reached for <paramref name="purpose"/> on <paramref name="channel"/>.</summary>
    /// <param name="userId">The person.</param>
    /// <param name="purpose">A purpose id.</param>
    /// <param name="channel">A channel id.</param>
    /// <returns><see langword="true"/> only when the rules allow it; anything unknown denies.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    bool CanUse(string userId, string purpose, string channel);

    /// <summary>The same decision as <see cref="CanUse"/>, with its reason and the deciding record.</summary>
    /// <param name="userId">The person.</param>
    /// <param name="purpose">A purpose id.</param>
    /// <param name="channel">A channel id.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ConsentDecision Evaluate(string userId, string purpose, string channel);

    /// <summary>
    /// Lazily keeps the users that <see cref="CanUse"/> allows, in their original order.
    /// A <see langword="null"/> id in the sequence is left out.
    /// </summary>
    /// <param name="userIds">The candidate audience.</param>
    /// <param name="purpose">A purpose id.</param>
    /// <param name="channel">A channel id.</param>
    /// <returns>The allowed users, evaluated as the sequence is enumerated.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    IEnumerable<string> Filter(IEnumerable<string> userIds, string purpose, string channel);

    /// <summary>
    /// The user an alias points to now, from memory, lock-free and allocation-free like <see cref="CanUse"/>: the alias
    /// is normalised as at link time, so <c>phone:+86 138-0000-0000</c> finds <c>phone:+8613800000000</c>.
    /// </summary>
    /// <param name="alias"><c>kind:value</c>, such as <c>phone:+8613800000000</c>.</param>
    /// <returns>The user id, or <see langword="null"/> when the alias is unknown, unlinked, malformed or of an undeclared kind: do not send.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="alias"/> is <see langword="null"/>.</exception>
    string? Resolve(string alias);

    /// <summary>
    /// <see cref="Evaluate"/> for the person an alias points to; an alias that points to no one denies with
    /// <see cref="DecisionReason.UnknownAlias"/>. Allocation-free.
    /// </summary>
    /// <param name="alias"><c>kind:value</c>.</param>
    /// <param name="purpose">A purpose id.</param>
    /// <param name="channel">A channel id.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ConsentDecision EvaluateAlias(string alias, string purpose, string channel);

    /// <summary>
    /// Lazily keeps the aliases whose person <see cref="CanUse"/> allows, as given and in their original order: filter a
    /// list of phone numbers for <c>marketing</c> on <c>sms</c> and send to what comes out. An unknown alias never
    /// passes; a <see langword="null"/> one is left out.
    /// </summary>
    /// <param name="aliases">The candidate audience, as <c>kind:value</c>.</param>
    /// <param name="purpose">A purpose id.</param>
    /// <param name="channel">A channel id.</param>
    /// <returns>The allowed aliases, evaluated as the sequence is enumerated.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    IEnumerable<string> FilterAliases(IEnumerable<string> aliases, string purpose, string channel);
}
