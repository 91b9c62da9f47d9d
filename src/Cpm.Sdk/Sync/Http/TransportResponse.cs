namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// A classified answer from the endpoint: the outcome, the body when it succeeded, the error as shown in the status
/// (<c>"400: text"</c>), and the server's own <c>error</c> text, sanitised and bounded (<see cref="ServerText"/>).
/// </summary>
internal readonly record struct TransportResponse<T>(Outcome Outcome, T? Body, string? Error, string? ETag = null, string? ServerError = null)
    where T : class;
