using Cpm.Sdk.Sync.Http;
using Polly.CircuitBreaker;

namespace Cpm.Sdk.Sync;

/// <summary>A sync exchange that did not succeed, classified so the loops know whether to back off or stop.</summary>
internal sealed class SyncFailure(Outcome outcome, string message, Exception? inner = null) : Exception(message, inner)
{
    public Outcome Outcome { get; } = outcome;

    /// <summary>Wraps an exception from the transport, or returns <see langword="null"/> for one sync cannot handle.</summary>
    public static SyncFailure? From(Exception error) => error switch
    {
        SyncFailure failure => failure,
        BrokenCircuitException<HttpResponseMessage> { Result: { } last } =>
            new SyncFailure(Outcome.Transient, $"endpoint unreachable, retries paused: last answer {(int)last.StatusCode}", error),
        BrokenCircuitException { InnerException: { } cause } => new SyncFailure(Outcome.Transient, $"endpoint unreachable, retries paused: {Describe(cause)}", error),
        _ when ResponseClassifier.IsTransient(error) => new SyncFailure(Outcome.Transient, Describe(error), error),
        _ => null,
    };

    private static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message}";
}
