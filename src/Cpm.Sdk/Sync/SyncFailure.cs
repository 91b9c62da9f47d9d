using System.Net.Sockets;
using System.Text.Json;
using Cpm.Sdk.Sync.Http;
using Microsoft.Data.Sqlite;
using Polly.CircuitBreaker;

namespace Cpm.Sdk.Sync;

/// <summary>
/// A sync exchange that did not succeed, classified so the loops know whether to back off or stop. The message is
/// what <see cref="SyncStatus.LastError"/> and the logs show: sanitised and bounded, never a server's raw body.
/// </summary>
internal sealed class SyncFailure(Outcome outcome, string message, Exception? inner = null) : Exception(ServerText.Clean(message), inner)
{
    public Outcome Outcome { get; } = outcome;

    /// <summary>The wait the endpoint asked for with <c>Retry-After</c>, if it did: the loop's backoff is never shorter.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Classifies any exception a sync step let through; anything not recognised is an internal fault.</summary>
    public static SyncFailure From(Exception error) => error switch
    {
        SyncFailure failure => failure,
        BrokenCircuitException<HttpResponseMessage> { Result: { } last } =>
            new SyncFailure(Outcome.Transient, $"endpoint unreachable, retries paused: last answer {(int)last.StatusCode}", error),
        BrokenCircuitException { InnerException: { } cause } => new SyncFailure(Outcome.Transient, $"endpoint unreachable, retries paused: {Describe(cause)}", error),
        _ when ResponseClassifier.IsTransient(error) => new SyncFailure(Outcome.Transient, $"endpoint unreachable: {Describe(error)}", error),
        _ => new SyncFailure(Outcome.Internal, $"internal error: {Describe(error)}", error),
    };

    /// <summary>
    /// The exception's type, with its message only for types whose messages are known to hold no data of the
    /// records (network, SQLite, JSON paths); any other message might, and is left out.
    /// </summary>
    private static string Describe(Exception error) =>
        error is HttpRequestException or SocketException or IOException or TimeoutException or SqliteException or CpmStoreException or JsonException
            or OperationCanceledException or ObjectDisposedException
            ? $"{error.GetType().Name}: {error.Message}"
            : error.GetType().Name;
}
