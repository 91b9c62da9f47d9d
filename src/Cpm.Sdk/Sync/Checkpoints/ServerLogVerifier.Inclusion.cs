using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk.Sync.Checkpoints;

/// <summary>
/// The endpoint's proof that it holds one event, against the kept checkpoint: what a receipt quotes beside the store's
/// own proof (issue 7 §5).
/// </summary>
/// <param name="Checkpoint">The kept checkpoint's text, exactly as signed.</param>
/// <param name="Signature">Its signature, base64 of DER, as served.</param>
/// <param name="KeyId">The signing key's id.</param>
/// <param name="Index">The event's leaf index in the endpoint's log.</param>
/// <param name="Proof">The inclusion path from the leaf's sibling up; it verifies with <see cref="MerkleLog.VerifyInclusion"/>.</param>
internal sealed record ServerEventProof(string Checkpoint, string Signature, string KeyId, long Index, IReadOnlyList<byte[]> Proof);

internal sealed partial class ServerLogVerifier
{
    /// <summary>
    /// Fetches the endpoint's inclusion proof for one event against the kept checkpoint and verifies it with the
    /// event's leaf hash. Returns <see langword="null"/> when nothing is kept yet, when the endpoint is unreachable, lacks
    /// the endpoint, does not hold the event or holds it beyond the kept checkpoint (it is covered after the next check),
    /// or when the proof does not verify (logged: the endpoint's leaf for the event differs from this one).
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="leafHash">The event's leaf hash in this store's log (<see cref="AuditLeaf.Hash"/>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The verified proof, or <see langword="null"/>.</returns>
    public async Task<ServerEventProof?> InclusionAsync(Guid eventId, byte[] leafHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (Kept is not { Size: > 0 } kept)
        {
            return null;
        }

        TransportResponse<InclusionProofResponse> response;
        try
        {
            response = await _transport.GetInclusionProofAsync(eventId, kept.Size, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is SyncFailure || ResponseClassifier.IsTransient(ex)))
        {
            return null;   // offline: the receipt carries the store's proof alone
        }

        if (response is not { Outcome: Outcome.Success, Body: { } body })
        {
            return null;
        }

        if (CheckpointFormat.ParseProof(body.Proof) is not { } proof || !MerkleLog.VerifyInclusion(body.Index, kept.Size, leafHash, proof, kept.Root))
        {
            CheckpointLog.InclusionFailed(_logger, WireFormat.FormatId(eventId), kept.Size);
            return null;
        }

        return new ServerEventProof(kept.Text, kept.Signature, kept.KeyId, body.Index, proof);
    }
}
