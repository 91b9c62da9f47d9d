namespace Cpm.Sdk.Testing;

/// <summary>The gate and the send guard: each member hands over to the client's own <c>ConsentGate</c> and <c>SendGuard</c>.</summary>
public sealed partial class TestConsent
{
    /// <inheritdoc/>
    public bool CanUse(string userId, string purpose, string channel) => _parts.Gate.CanUse(userId, purpose, channel);

    /// <inheritdoc/>
    public ConsentDecision Evaluate(string userId, string purpose, string channel) => _parts.Gate.Evaluate(userId, purpose, channel);

    /// <inheritdoc/>
    public IEnumerable<string> Filter(IEnumerable<string> userIds, string purpose, string channel) => _parts.Gate.Filter(userIds, purpose, channel);

    /// <inheritdoc/>
    public string? Resolve(string alias) => _parts.Gate.Resolve(alias);

    /// <inheritdoc/>
    public ConsentDecision EvaluateAlias(string alias, string purpose, string channel) => _parts.Gate.EvaluateAlias(alias, purpose, channel);

    /// <inheritdoc/>
    public IEnumerable<string> FilterAliases(IEnumerable<string> aliases, string purpose, string channel) =>
        _parts.Gate.FilterAliases(aliases, purpose, channel);

    /// <inheritdoc/>
    /// <remarks>An allowed send is listed in <see cref="Reservations"/>.</remarks>
    public ValueTask<SendDecision> ReserveAsync(string userId, string purpose, string channel, CancellationToken cancellationToken = default) =>
        _parts.Guard.ReserveAsync(userId, purpose, channel, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>A release that gives the place back sets <see cref="SendReservation.ReleasedAt"/> in <see cref="Reservations"/>.</remarks>
    public ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken = default) =>
        _parts.Guard.ReleaseAsync(reservationId, cancellationToken);
}
