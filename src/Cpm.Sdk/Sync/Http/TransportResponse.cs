namespace Cpm.Sdk.Sync.Http;

/// <summary>A classified answer from the endpoint: the outcome, the body when it succeeded, and the error text.</summary>
internal readonly record struct TransportResponse<T>(Outcome Outcome, T? Body, string? Error, string? ETag = null)
    where T : class;
