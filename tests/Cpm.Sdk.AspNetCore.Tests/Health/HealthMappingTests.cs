using Cpm.Sdk.AspNetCore.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cpm.Sdk.AspNetCore.Tests.Health;

/// <summary>The mapping alone, over every state and alert kind (the states no test can bring a real client into cheaply included).</summary>
public sealed class HealthMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<SyncState, HealthStatus> States => new()
    {
        { SyncState.Disabled, HealthStatus.Healthy },
        { SyncState.Offline, HealthStatus.Healthy },
        { SyncState.Online, HealthStatus.Healthy },
        { SyncState.AuthFailed, HealthStatus.Unhealthy },
        { SyncState.Incompatible, HealthStatus.Unhealthy },
        { SyncState.HistoryRewritten, HealthStatus.Unhealthy },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Each_sync_state_without_alerts_maps_to_its_status(SyncState state, HealthStatus expected)
    {
        HealthCheckResult result = CpmHealth.Evaluate(Status(state), HealthStatus.Unhealthy);

        result.Status.Should().Be(expected);
        result.Data["state"].Should().Be(state.ToString());
        Enum.GetValues<SyncState>().Should().HaveCount(States.Count, "every state is mapped");
    }

    [Theory]
    [InlineData(AlertKind.MassWithdrawal, HealthStatus.Degraded)]
    [InlineData(AlertKind.OutboxBacklog, HealthStatus.Degraded)]
    [InlineData(AlertKind.PullStale, HealthStatus.Degraded)]
    [InlineData(AlertKind.DeadLetters, HealthStatus.Degraded)]
    public void Each_alert_that_leaves_sync_running_is_degraded(AlertKind kind, HealthStatus expected)
    {
        HealthCheckResult result = CpmHealth.Evaluate(Status(SyncState.Online, new CpmAlert(kind, At, "3 records")), HealthStatus.Unhealthy);

        result.Status.Should().Be(expected);
        result.Description.Should().Be($"{kind}: 3 records");
        result.Data["alerts"].Should().BeEquivalentTo(new[] { kind.ToString() });
    }

    [Fact]
    public void A_failed_store_check_is_unhealthy_whatever_else_and_the_failure_status_is_the_hosts()
    {
        SyncStatus damaged = Status(SyncState.Online) with { StoreCheck = StoreCheckState.Failed, StoreProblem = "row 7 of events is damaged" };

        CpmHealth.Evaluate(damaged, HealthStatus.Unhealthy).Status.Should().Be(HealthStatus.Unhealthy);
        CpmHealth.Evaluate(damaged, HealthStatus.Degraded).Status.Should().Be(HealthStatus.Degraded);
        CpmHealth.Evaluate(damaged, HealthStatus.Unhealthy).Data["storeCheck"].Should().Be("Failed");
        CpmHealth.Evaluate(Status(SyncState.AuthFailed, new CpmAlert(AlertKind.AuthFailed, At, "key refused"), new CpmAlert(AlertKind.OutboxBacklog, At, "old")), HealthStatus.Unhealthy)
            .Status.Should().Be(HealthStatus.Unhealthy, "a stop state outranks the alerts that come with it");
    }

    [Fact]
    public void The_data_holds_counts_states_times_and_kinds_never_the_last_error()
    {
        SyncStatus status = Status(SyncState.Offline, new CpmAlert(AlertKind.DeadLetters, At, "1 records rejected")) with
        {
            LastPushAt = At,
            LastPullAt = At.AddHours(8).ToOffset(TimeSpan.FromHours(8)),
            LastError = "server said: who is user-42?",
            DeadLetterCount = 1,
            ParkedCount = 2,
            OutboxDepth = 5,
        };

        HealthCheckResult result = CpmHealth.Evaluate(status, HealthStatus.Unhealthy);

        result.Data.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["state"] = "Offline",
            ["storeCheck"] = "Passed",
            ["outboxDepth"] = 5L,
            ["deadLetters"] = 1L,
            ["parked"] = 2L,
            ["alerts"] = new[] { "DeadLetters" },
            ["lastPushAt"] = "2026-11-23T12:00:00.0000000Z",
            ["lastPullAt"] = "2026-11-23T20:00:00.0000000Z",
        });
        result.Description.Should().NotContain("user-42");
    }

    [Fact]
    public void The_description_says_what_is_wrong_in_a_line_an_operator_reads()
    {
        CpmHealth.Evaluate(Status(SyncState.Online), HealthStatus.Unhealthy).Description.Should().Be("Sync Online.");
        CpmHealth.Evaluate(Status(SyncState.Disabled), HealthStatus.Unhealthy).Description.Should().Be("Sync Disabled.");
        CpmHealth.Evaluate(
            Status(SyncState.Online, new CpmAlert(AlertKind.PullStale, At, "no pull for 2 h"), new CpmAlert(AlertKind.DeadLetters, At, "3 records")),
            HealthStatus.Unhealthy).Description.Should().Be("PullStale: no pull for 2 h; DeadLetters: 3 records");
        CpmHealth.Evaluate(Status(SyncState.Online) with { StoreCheck = StoreCheckState.Failed }, HealthStatus.Unhealthy)
            .Description.Should().Be("The store's integrity check failed: restore the file from a backup.");
        CpmHealth.Evaluate(Status(SyncState.AuthFailed), HealthStatus.Unhealthy).Description.Should().Contain("refused the API key");
    }

    private static SyncStatus Status(SyncState state, params CpmAlert[] alerts) =>
        new() { State = state, OutboxDepth = 0, DeadLetterCount = 0, StoreCheck = StoreCheckState.Passed, Alerts = alerts };
}
