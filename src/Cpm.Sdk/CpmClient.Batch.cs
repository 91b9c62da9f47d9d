using System.Diagnostics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;

namespace Cpm.Sdk;

/// <summary>Several choices recorded as one: all of them or none.</summary>
public sealed partial class CpmClient
{
    /// <summary>The most captures <see cref="RecordAllAsync"/> takes at once: a push batch's worth.</summary>
    public const int MaxCapturesAtOnce = WireFormat.MaxBatch;

    /// <summary>
    /// Validates and records several choices as one, such as the toggles of one form or one touchpoint's request:
    /// every capture is checked first, with the rules of <see cref="RecordAsync"/>, and the records are then committed
    /// in one transaction. Either all of them are stored and the gate reflects them all, or none is.
    /// </summary>
    /// <param name="captures">1 to <see cref="MaxCapturesAtOnce"/> choices, recorded in this order (with the same commit time).</param>
    /// <param name="cancellationToken">Cancels the wait; once the writer took the captures they are committed together.</param>
    /// <returns>The stored records, in the order of <paramref name="captures"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="captures"/> or one of them is null (named <c>captures[i]</c>), or a required field is.</exception>
    /// <exception cref="ArgumentException">
    /// A capture is invalid: the parameter name says which and what, as <c>captures[i].Field</c> (for example
    /// <c>captures[2].Purpose</c>). Nothing was stored.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="captures"/> is empty or holds more than <see cref="MaxCapturesAtOnce"/>.</exception>
    /// <exception cref="CpmStoreException">The store failed to commit; nothing was stored.</exception>
    public async ValueTask<IReadOnlyList<ConsentRecord>> RecordAllAsync(IReadOnlyList<ConsentCapture> captures, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(captures);
        if (captures.Count is 0 or > MaxCapturesAtOnce)
        {
            throw new ArgumentOutOfRangeException(
                nameof(captures), captures.Count, $"Between 1 and {MaxCapturesAtOnce} captures are recorded at once.");
        }

        DateTimeOffset now = _clock.GetUtcNow();
        var stored = new StoredEvent[captures.Count];
        try
        {
            for (int i = 0; i < stored.Length; i++)
            {
                ValidCapture valid = CaptureValidator.Validate(captures[i], _gate.Catalog, now, $"{nameof(captures)}[{i}]");
                stored[i] = new StoredEvent(valid.ToRecord(Guid.CreateVersion7(now), _store.InstanceId, now), valid.EvidenceJson, WireFormat.NewSalt());
                if (_writer.AuditLog)
                {
                    _ = stored[i].LeafHash; // hashed here, on the caller's thread, not on the single writer's
                }
            }
        }
        catch (ArgumentException)
        {
            CpmMetrics.RecordRejected();
            throw;
        }

        using Activity? activity = CpmMetrics.ActivitySource.StartActivity("cpm.record");
        activity?.SetTag("cpm.records", stored.Length);
        return await _writer.SubmitAsync(new RecordAllOperation(stored), cancellationToken).ConfigureAwait(false);
    }
}
