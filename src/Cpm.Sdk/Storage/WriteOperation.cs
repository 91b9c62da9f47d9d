namespace Cpm.Sdk.Storage;

/// <summary>One record waiting for the store writer, and the caller waiting for its commit.</summary>
internal sealed class WriteOperation(ConsentRecord record, string? evidenceJson, bool enqueueOutbox)
{
    private readonly TaskCompletionSource<ConsentRecord> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The record; <see cref="ConsentRecord.RecordedAt"/> is set by the writer at commit.</summary>
    public ConsentRecord Record { get; set; } = record;

    public string? EvidenceJson { get; } = evidenceJson;

    /// <summary>Whether the record was captured here and must be delivered to the endpoint.</summary>
    public bool EnqueueOutbox { get; } = enqueueOutbox;

    /// <summary>Completes with the committed record, or faults when the commit failed.</summary>
    public Task<ConsentRecord> Completion => _completion.Task;

    public void Succeed() => _completion.TrySetResult(Record);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
