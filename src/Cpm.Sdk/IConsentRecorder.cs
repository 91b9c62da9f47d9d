namespace Cpm.Sdk;

/// <summary>Records consent choices durably.</summary>
public interface IConsentRecorder
{
    /// <summary>
    /// Validates and records a choice. Returns only after the record is committed to the local store
    /// and the gate reflects it.
    /// </summary>
    /// <param name="capture">The choice to record.</param>
    /// <param name="cancellationToken">Cancels the wait; a record already handed to the writer may still commit.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The capture is invalid; nothing was stored.</exception>
    /// <exception cref="CpmStoreException">The store failed to commit.</exception>
    ValueTask<ConsentRecord> RecordAsync(ConsentCapture capture, CancellationToken cancellationToken = default);
}
