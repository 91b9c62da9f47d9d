using System.Net;
using System.Net.Sockets;
using Cpm.Sdk.Sync.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Cpm.Sdk.Tests.Sync;

public sealed class ResponseClassifierTests
{
    [Theory]
    [InlineData(200, Outcome.Success)]
    [InlineData(204, Outcome.Success)]
    [InlineData(304, Outcome.NotModified)]
    [InlineData(400, Outcome.BadRequest)]
    [InlineData(401, Outcome.AuthFailed)]
    [InlineData(403, Outcome.AuthFailed)]
    [InlineData(404, Outcome.Permanent)]
    [InlineData(409, Outcome.Permanent)]
    [InlineData(413, Outcome.TooLarge)]
    [InlineData(408, Outcome.Transient)]
    [InlineData(429, Outcome.Transient)]
    [InlineData(500, Outcome.Transient)]
    [InlineData(502, Outcome.Transient)]
    [InlineData(503, Outcome.Transient)]
    [InlineData(504, Outcome.Transient)]
    public void Status_codes_follow_the_protocol_table(int status, object expected)
    {
        ResponseClassifier.Classify((HttpStatusCode)status).Should().Be((Outcome)expected);
    }

    [Fact]
    public void A_400_saying_the_protocol_version_is_unsupported_is_Incompatible_and_any_other_400_is_not()
    {
        ResponseClassifier.Classify(HttpStatusCode.BadRequest, "unsupported protocol version").Should().Be(Outcome.Incompatible);
        ResponseClassifier.Classify(HttpStatusCode.BadRequest, "batch holds 501 events; the limit is 500").Should().Be(Outcome.BadRequest);
        ResponseClassifier.Classify(HttpStatusCode.BadRequest, null).Should().Be(Outcome.BadRequest);
        ResponseClassifier.Classify(HttpStatusCode.Conflict, "unsupported protocol version").Should().Be(Outcome.Permanent);
        ResponseClassifier.StopsSync(Outcome.Incompatible).Should().BeTrue();
        ResponseClassifier.StopsSync(Outcome.AuthFailed).Should().BeTrue();
        ResponseClassifier.StopsSync(Outcome.Protocol).Should().BeFalse();
    }

    [Fact]
    public void Network_failures_and_timeouts_are_transient_and_bugs_are_not()
    {
        ResponseClassifier.IsTransient(new HttpRequestException("refused", new SocketException(111))).Should().BeTrue();
        ResponseClassifier.IsTransient(new TimeoutRejectedException()).Should().BeTrue();
        ResponseClassifier.IsTransient(new BrokenCircuitException()).Should().BeTrue();
        ResponseClassifier.IsTransient(new IOException("reset")).Should().BeTrue();
        ResponseClassifier.IsTransient(new InvalidOperationException()).Should().BeFalse();
        ResponseClassifier.IsTransient(new System.Text.Json.JsonException()).Should().BeFalse();
    }

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_is_honoured_up_to_the_cap()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        ResiliencePolicies.Delay(1, seconds, TimeSpan.FromSeconds(10), TimeProvider.System).Should().Be(TimeSpan.FromSeconds(3));
        ResiliencePolicies.Delay(1, seconds, TimeSpan.FromSeconds(2), TimeProvider.System).Should().Be(TimeSpan.FromSeconds(2));

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(30));
        ResiliencePolicies.Delay(1, date, TimeSpan.FromSeconds(60), clock).Should().Be(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromMinutes(1));
        ResiliencePolicies.Delay(1, date, TimeSpan.FromSeconds(60), clock).Should().Be(TimeSpan.Zero, "a date in the past means retry now");
    }

    [Fact]
    public void Backoff_is_jittered_exponential_and_capped()
    {
        TimeSpan cap = TimeSpan.FromSeconds(1);
        for (int attempt = 1; attempt <= 10; attempt++)
        {
            double ceiling = Math.Min(200 * Math.Pow(2, attempt - 1), cap.TotalMilliseconds);
            var delays = Enumerable.Range(0, 200).Select(_ => ResiliencePolicies.Delay(attempt, null, cap, TimeProvider.System).TotalMilliseconds).ToArray();
            delays.Should().OnlyContain(d => d >= 10 && d <= ceiling);
            delays.Distinct().Count().Should().BeGreaterThan(50, "the delay must be jittered");
        }
    }
}
