namespace Cpm.Sdk;

/// <summary>Preferences at send time: each member hands over to the <c>Preferences/</c> folder.</summary>
public sealed partial class CpmClient : ISendGuard
{
    /// <inheritdoc/>
    public ValueTask<SendDecision> ReserveAsync(string userId, string purpose, string channel, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _guard.ReserveAsync(userId, purpose, channel, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _guard.ReleaseAsync(reservationId, cancellationToken);
    }
}
