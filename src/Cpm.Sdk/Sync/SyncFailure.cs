using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk.Sync;

/// <summary>A sync exchange that did not succeed, classified so the loops know whether to back off or stop.</summary>
internal sealed class SyncFailure(Outcome outcome, string message, Exception? inner = null) : Exception(message, inner)
{
    public Outcome Outcome { get; } = outcome;

    /// <summary>Wraps an exception from the transport, or returns <see langword="null"/> for one sync cannot handle.</summary>
    public static SyncFailure? From(Exception error) => error switch
    {
        SyncFailure failure => failure,
        _ when ResponseClassifier.IsTransient(error) => new SyncFailure(Outcome.Transient, $"{error.GetType().Name}: {error.Message}", error),
        _ => null,
    };
}
