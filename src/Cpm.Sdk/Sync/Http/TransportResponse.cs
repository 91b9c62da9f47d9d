using System.Net;

namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// A classified answer from the endpoint: the outcome, the body when it succeeded, the error as shown in the status
/// (<c>"400: text"</c>), the server's own <c>error</c> text, sanitised and bounded (<see cref="ServerText"/>), and the
/// wait its <c>Retry-After</c> asked for, and the HTTP status of an error answer (404 tells a server that lacks an
/// endpoint).
/// </summary>
internal readonly record struct TransportResponse<T>(
    Outcome Outcome,
    T? Body,
    string? Error,
    string? ETag = null,
    string? ServerError = null,
    TimeSpan? RetryAfter = null,
    HttpStatusCode? Status = null)
    where T : class
{
    /// <summary>This answer as a failure of <paramref name="what"/> (e.g. "push"), keeping its Retry-After.</summary>
    public SyncFailure Failure(string what) => new(Outcome, $"{what} failed: {Error}") { RetryAfter = RetryAfter };
}
