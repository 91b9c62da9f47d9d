using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Cpm.Sdk.Sync.Http;

/// <summary>What a response or a failure means for the sync engine.</summary>
internal enum Outcome
{
    Success,
    NotModified,
    BadRequest,
    AuthFailed,
    Transient,
    Permanent,
}

/// <summary>
/// The one place that decides which HTTP results can be retried and which are permanent
/// (docs/protocol.md §6). The resilience policies and the sync engine both ask it.
/// </summary>
internal static class ResponseClassifier
{
    public static Outcome Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => Outcome.Success,
        304 => Outcome.NotModified,
        400 => Outcome.BadRequest,
        401 or 403 => Outcome.AuthFailed,
        408 or 429 or >= 500 => Outcome.Transient,
        _ => Outcome.Permanent,
    };

    public static bool IsTransient(HttpStatusCode status) => Classify(status) == Outcome.Transient;

    /// <summary>Network failures, timeouts and an open circuit: the endpoint is unreachable for now.</summary>
    public static bool IsTransient(Exception error) => error is HttpRequestException or TimeoutRejectedException
        or BrokenCircuitException or SocketException or IOException or TaskCanceledException;
}
