using System.Net;
using System.Net.Sockets;
using Cpm.Sdk.Protocol;
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

    /// <summary>413: the request body was too large for the endpoint or a proxy in front of it.</summary>
    TooLarge,

    /// <summary>The endpoint does not speak this client's protocol version: sync stops until a manual round succeeds.</summary>
    Incompatible,

    /// <summary>The endpoint answered, but the answer breaks the protocol (not JSON, missing or duplicate results, ...).</summary>
    Protocol,

    /// <summary>A fault on this side (the local store, a bug); nothing the endpoint did.</summary>
    Internal,

    /// <summary>
    /// The endpoint's signed checkpoints show that it rewrote or forked its history (docs/protocol.md §9): pulls stop
    /// until a manual round finds the log consistent again; pushes go on.
    /// </summary>
    HistoryRewritten,
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
        413 => Outcome.TooLarge,
        408 or 429 or >= 500 => Outcome.Transient,
        _ => Outcome.Permanent,
    };

    /// <summary>Classifies an error answer, reading the server's <c>error</c> text where the status alone does not decide.</summary>
    public static Outcome Classify(HttpStatusCode status, string? serverError) =>
        Classify(status) == Outcome.BadRequest && serverError == WireFormat.UnsupportedVersionError ? Outcome.Incompatible : Classify(status);

    public static bool IsTransient(HttpStatusCode status) => Classify(status) == Outcome.Transient;

    /// <summary>Network failures, timeouts and an open circuit: the endpoint is unreachable for now.</summary>
    public static bool IsTransient(Exception error) => error is HttpRequestException or TimeoutRejectedException
        or BrokenCircuitException or SocketException or IOException or TaskCanceledException or TimeoutException;

    /// <summary>Whether a failure stops the loops until a manual round succeeds (a stop state).</summary>
    public static bool StopsSync(Outcome outcome) => outcome is Outcome.AuthFailed or Outcome.Incompatible or Outcome.HistoryRewritten;
}
