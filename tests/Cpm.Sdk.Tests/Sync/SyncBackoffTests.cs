using Cpm.Sdk.Sync;
using Cpm.Sdk.Sync.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk.Tests.Sync;

public sealed class SyncBackoffTests
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private static readonly SyncReporter Reporter = new(
        new SyncStatusTracker(enabled: true, () => 0, () => 0),
        new SyncSettings(new Uri("http://127.0.0.1:9/"), "key", TimeSpan.Zero, TimeSpan.FromSeconds(1), MaxBackoff, 500, TimeSpan.FromSeconds(1), TimeProvider.System),
        TimeProvider.System,
        NullLogger.Instance);

    [Fact]
    public void Anything_but_a_transient_failure_backs_off_for_MaxBackoff()
    {
        foreach (Outcome outcome in new[] { Outcome.Protocol, Outcome.Internal, Outcome.Permanent, Outcome.BadRequest, Outcome.TooLarge })
        {
            Reporter.Delay(new SyncFailure(outcome, "x"), attempt: 1).Should().Be(MaxBackoff, $"{outcome} must never make a loop spin");
        }
    }

    [Fact]
    public void A_transient_failure_waits_at_least_what_Retry_After_asked_up_to_MaxBackoff()
    {
        var throttled = new SyncFailure(Outcome.Transient, "push failed: 429") { RetryAfter = TimeSpan.FromSeconds(3) };
        for (int attempt = 1; attempt <= 6; attempt++)
        {
            Reporter.Delay(throttled, attempt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3)).And.BeLessThanOrEqualTo(MaxBackoff);
        }

        Reporter.Delay(new SyncFailure(Outcome.Transient, "429") { RetryAfter = TimeSpan.FromMinutes(5) }, 1).Should().Be(MaxBackoff);
        Reporter.Delay(new SyncFailure(Outcome.Transient, "refused"), 1).Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(200));
    }
}
