using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk.Sync.Checkpoints;

/// <summary>
/// Which key the endpoint's checkpoints must be signed with: <see cref="CpmOptions.ServerPublicKey"/> when set, else the
/// key pinned at first sight, else (first sight) the key the endpoint serves at <c>v1/checkpoint-key</c>, which must be
/// the one the checkpoint names. Used under the verifier's lock.
/// </summary>
internal sealed class KeyTrust(SyncTransport transport, TrustedKey? configured, TrustedKey? pinned)
{
    private TrustedKey? _pinned = pinned;

    /// <summary>The key for a checkpoint signed by <paramref name="keyId"/>, and whether it is seen for the first time (to pin).</summary>
    /// <exception cref="SyncFailure">Another key than the trusted one (<see cref="Outcome.HistoryRewritten"/>), or the key could not be fetched.</exception>
    public async Task<(TrustedKey Key, bool FirstSight)> KeyForAsync(string keyId, CancellationToken cancellationToken)
    {
        if ((configured ?? _pinned) is { } trusted)
        {
            return trusted.KeyId == keyId
                ? (trusted, false)
                : throw ServerLogVerifier.Rewritten(
                    $"the checkpoint is signed with key {ServerCheckpoint.Short(keyId)}, not the {trusted.Source} {ServerCheckpoint.Short(trusted.KeyId)}");
        }

        TransportResponse<string> pem = await transport.GetCheckpointKeyAsync(cancellationToken).ConfigureAwait(false);
        if (pem.Outcome != Outcome.Success)
        {
            throw pem.Failure("checkpoint key");
        }

        TrustedKey served = TrustedKey.From(pem.Body, TrustedKey.Pinned)
            ?? throw new SyncFailure(Outcome.Protocol, "checkpoint key answer breaks the protocol: not a P-256 public key in PEM");
        return served.KeyId == keyId
            ? (served, true)
            : throw ServerLogVerifier.Rewritten(
                $"the checkpoint is signed with key {ServerCheckpoint.Short(keyId)}, not the key the endpoint serves ({ServerCheckpoint.Short(served.KeyId)})");
    }

    /// <summary>Pins a key seen for the first time, once the caller kept it.</summary>
    public void Pin(TrustedKey key) => _pinned = key;
}
