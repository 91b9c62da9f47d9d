using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Cpm.Sdk.Sync.Http;

/// <summary>
/// The sync client's resilience: jittered exponential retry for transient results honouring <c>Retry-After</c>,
/// a circuit breaker, and a per-try timeout (the outermost policy is the retry, the innermost the timeout).
/// </summary>
internal static class ResiliencePolicies
{
    public const int RetryCount = 3;
    public const int FailuresBeforeBreaking = 5;
    private const string TimeoutKey = "cpm.try-timeout";
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    public static IAsyncPolicy<HttpResponseMessage> Create(SyncSettings settings, ILogger logger)
    {
        IAsyncPolicy<HttpResponseMessage> retry = Handled().WaitAndRetryAsync(
            RetryCount,
            (attempt, outcome, _) => Delay(attempt, outcome.Result, settings.MaxBackoff, settings.Clock),
            (outcome, delay, attempt, _) =>
            {
                Diagnostics.Log.Retrying(logger, attempt, delay.TotalMilliseconds, Describe(outcome));
                outcome.Result?.Dispose(); // the failed try's response is not read again
                return Task.CompletedTask;
            });
        IAsyncPolicy<HttpResponseMessage> breaker = Handled().CircuitBreakerAsync(FailuresBeforeBreaking, settings.MaxBackoff);
        IAsyncPolicy<HttpResponseMessage> timeout = Policy.TimeoutAsync<HttpResponseMessage>(
            context => context.TryGetValue(TimeoutKey, out object? value) && value is TimeSpan t ? t : settings.RequestTimeout,
            TimeoutStrategy.Optimistic);
        return Policy.WrapAsync(retry, breaker, timeout);
    }

    /// <summary>Gives one request its own per-try timeout, e.g. a long poll's wait plus the request timeout.</summary>
    public static void SetTryTimeout(HttpRequestMessage request, TimeSpan timeout) =>
        request.SetPolicyExecutionContext(new Context { [TimeoutKey] = timeout });

    /// <summary>Full-jitter exponential backoff, or the server's <c>Retry-After</c> when it names one; capped.</summary>
    public static TimeSpan Delay(int attempt, HttpResponseMessage? response, TimeSpan cap, TimeProvider clock)
    {
        if (RetryAfter(response, clock) is { } requested)
        {
            return requested < cap ? requested : cap;
        }

        double exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        double jittered = Random.Shared.NextDouble() * Math.Min(exponential, cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(jittered, 10));
    }

    /// <summary>The wait a response's <c>Retry-After</c> asks for (seconds or a date), or <see langword="null"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date ? date - clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero : null;
    }

    private static PolicyBuilder<HttpResponseMessage> Handled() =>
        Policy<HttpResponseMessage>
            .Handle<HttpRequestException>()
            .Or<TimeoutRejectedException>()
            .Or<IOException>()
            .OrResult(response => ResponseClassifier.IsTransient(response.StatusCode));

    private static string Describe(DelegateResult<HttpResponseMessage> outcome) =>
        outcome.Exception?.GetType().Name ?? ((int)(outcome.Result?.StatusCode ?? HttpStatusCode.InternalServerError)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
