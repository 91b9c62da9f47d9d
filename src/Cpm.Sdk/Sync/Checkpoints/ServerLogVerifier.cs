using System.Net;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync.Checkpoints;

/// <summary>
/// Checks, after pulls, that the endpoint's log only ever grows (docs/protocol.md §9): it fetches the signed
/// checkpoint, verifies the key id and the signature against the configured or pinned key, and proves the new log
/// consistent with the last checkpoint it kept; only then is the new checkpoint kept (through the single writer).
/// A checkpoint signed with another key, a bad signature, a log that shrank or changed its origin, another root at the
/// same size, or a consistency proof that fails or is refused is a rewritten history: a
/// <see cref="SyncFailure"/> of <see cref="Outcome.HistoryRewritten"/>, which stops the pull. An endpoint that has
/// never served a checkpoint and answers 404 is a protocol version 1 server: nothing is checked, and that is logged once.
/// </summary>
internal sealed partial class ServerLogVerifier
{
    /// <summary>The longest an idle pull loop goes without a check.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(60);

    /// <summary>The least time between two checks that pulled events asked for, so a busy stream is not checked per page.</summary>
    public static readonly TimeSpan MinimumSpacing = TimeSpan.FromSeconds(1);

    private readonly SyncTransport _transport;
    private readonly ConsentWriter _writer;
    private readonly KeyTrust _keys;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerCheckpoint? _kept;
    private bool _due = true;
    private bool _moved;
    private bool _noCheckpointsLogged;
    private long _lastCheck;

    public ServerLogVerifier(
        SyncTransport transport, ConsentWriter writer, string? serverPublicKey, string? keptJson, string? pinnedPem, TimeProvider clock, ILogger logger)
    {
        (_transport, _writer, _clock, _logger) = (transport, writer, clock, logger);
        TrustedKey? configured = serverPublicKey is null ? null
            : TrustedKey.From(serverPublicKey, TrustedKey.Configured) ?? throw new ArgumentException("Not a P-256 public key in PEM.", nameof(serverPublicKey));
        TrustedKey? pinned = TrustedKey.From(pinnedPem, TrustedKey.Pinned);
        _keys = new KeyTrust(transport, configured, pinned);
        _kept = ServerCheckpoint.Read(keptJson);
        if (keptJson is not null && _kept is null)
        {
            CheckpointLog.KeptValueUnreadable(logger, "server checkpoint");
        }

        if (pinnedPem is not null && pinned is null)
        {
            CheckpointLog.KeptValueUnreadable(logger, "server checkpoint key");
        }
    }

    /// <summary>The last checkpoint of the endpoint's log that was verified and kept, or <see langword="null"/>.</summary>
    public ServerCheckpoint? Kept => Volatile.Read(ref _kept);

    /// <summary>Makes the next pull round check, whatever it pulled: after a failure the endpoint may have been replaced.</summary>
    public void MarkDue() => Volatile.Write(ref _due, true);

    /// <summary>
    /// Checks after a pull of the background loop, at most once per round and only when it is due: at the first round,
    /// after a failure, when pulls brought events (at most once per <see cref="MinimumSpacing"/>), or every
    /// <see cref="CheckInterval"/>. A page with more to come waits for the round's last page. Throws <see cref="SyncFailure"/>.
    /// </summary>
    public Task CheckAfterPullAsync(PullPage page, CancellationToken cancellationToken)
    {
        _moved |= page.Received > 0;
        if (page.HasMore)
        {
            return Task.CompletedTask;
        }

        TimeSpan since = _clock.GetElapsedTime(Volatile.Read(ref _lastCheck));
        bool due = Volatile.Read(ref _due) || since >= CheckInterval || (_moved && since >= MinimumSpacing);
        return due ? CheckAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>One check, now. Throws <see cref="SyncFailure"/>; a rewritten history is <see cref="Outcome.HistoryRewritten"/>.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _due, true);
            await CheckCoreAsync(cancellationToken).ConfigureAwait(false);
            _moved = false;
            Volatile.Write(ref _lastCheck, _clock.GetTimestamp());
            Volatile.Write(ref _due, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CheckCoreAsync(CancellationToken cancellationToken)
    {
        ServerCheckpoint? kept = Kept;
        TransportResponse<CheckpointResponse> response = await _transport.GetCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound && kept is null)
        {
            if (!_noCheckpointsLogged)
            {
                _noCheckpointsLogged = true;
                CheckpointLog.NoCheckpoints(_logger);
            }

            return;
        }

        if (response.Outcome != Outcome.Success)
        {
            throw Owed(response.Outcome, kept, $"the endpoint no longer serves checkpoints ({response.Error}) after it signed one of {kept?.Size} entries")
                ?? response.Failure("checkpoint");
        }

        ServerCheckpoint next = ServerCheckpoint.From(response.Body)
            ?? throw (kept is null
                ? new SyncFailure(Outcome.Protocol, "checkpoint answer breaks the protocol: not a signed checkpoint of three lines")
                : Rewritten("the endpoint's checkpoint is not a signed checkpoint of three lines"));
        (TrustedKey key, bool firstSight) = await _keys.KeyForAsync(next.KeyId, cancellationToken).ConfigureAwait(false);
        if (!CheckpointSignature.Verify(next.Text, next.SignatureBytes(), key.Key))
        {
            throw Rewritten($"the checkpoint of {next.Size} entries is not signed by the {key.Source} {ServerCheckpoint.Short(key.KeyId)}");
        }

        if (kept is not null)
        {
            await ProveConsistentAsync(kept, next, cancellationToken).ConfigureAwait(false);
        }

        if (firstSight)
        {
            await _writer.SubmitAsync(new SyncStateOperation(CheckpointKeys.PinnedKey, key.Pem), cancellationToken).ConfigureAwait(false);
            _keys.Pin(key);
            CheckpointLog.KeyPinned(_logger, key.KeyId);
        }

        if (kept is null || next.Size > kept.Size)
        {
            await _writer.SubmitAsync(new SyncStateOperation(CheckpointKeys.Checkpoint, next.ToJson()), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _kept, next);
            CheckpointLog.Kept(_logger, kept?.Size ?? 0, next.Size);
        }
    }

    private async Task ProveConsistentAsync(ServerCheckpoint kept, ServerCheckpoint next, CancellationToken cancellationToken)
    {
        if (next.Origin != kept.Origin)
        {
            throw Rewritten($"the log's origin changed from '{kept.Origin}' to '{next.Origin}'");
        }

        if (next.Size < kept.Size)
        {
            throw Rewritten($"the log shrank from {kept.Size} to {next.Size} entries");
        }

        if (next.Size == kept.Size && !next.Root.AsSpan().SequenceEqual(kept.Root))
        {
            throw Rewritten($"the log of {next.Size} entries has another root than the one kept");
        }

        if (next.Size == kept.Size || kept.Size == 0)
        {
            return;   // the same log, or a log that was empty: every log extends it
        }

        TransportResponse<ConsistencyProofResponse> response = await _transport.GetConsistencyProofAsync(kept.Size, next.Size, cancellationToken).ConfigureAwait(false);
        if (response.Outcome != Outcome.Success)
        {
            throw Owed(response.Outcome, kept, $"the endpoint refused the consistency proof from {kept.Size} to {next.Size} entries ({response.Error})")
                ?? response.Failure("consistency proof");
        }

        if (CheckpointFormat.ParseProof(response.Body!.Proof) is not { } proof
            || !MerkleLog.VerifyConsistency(kept.Size, next.Size, kept.Root, next.Root, proof))
        {
            throw Rewritten($"the log of {next.Size} entries does not extend the kept one of {kept.Size}: the consistency proof fails");
        }
    }

    /// <summary>
    /// An answer that withholds what a server that signed a checkpoint owes (anything but a transient failure or a stop
    /// state of its own) is a rewritten history; <see langword="null"/> otherwise.
    /// </summary>
    private static SyncFailure? Owed(Outcome outcome, ServerCheckpoint? kept, string message) =>
        kept is null || outcome is Outcome.Transient || ResponseClassifier.StopsSync(outcome) ? null : Rewritten(message);

    /// <summary>The failure that stops the pull: the endpoint rewrote or forked its history.</summary>
    internal static SyncFailure Rewritten(string what) => new(Outcome.HistoryRewritten, $"server history rewritten: {what}");
}
