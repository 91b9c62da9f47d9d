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
}
