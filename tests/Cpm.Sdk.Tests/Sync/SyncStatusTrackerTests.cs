using Cpm.Sdk.Sync;
using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk.Tests.Sync;

public sealed class SyncStatusTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static SyncStatusTracker Tracker() => new(enabled: true, () => 0, () => 0);

    [Fact]
    public void A_healthy_pull_does_not_hide_a_failing_push()
    {
        SyncStatusTracker status = Tracker();
        status.Succeeded(SyncChannel.Pull, status.Epoch, Now).Should().BeTrue("the first success ends the offline start");
        status.Failed(SyncChannel.Push, new SyncFailure(Outcome.Protocol, "the results list event x twice"));

        status.Succeeded(SyncChannel.Pull, status.Epoch, Now).Should().BeFalse("the pull did not fail: nothing recovered");

        status.Snapshot().Should().Match<SyncStatus>(s => s.State == SyncState.Offline && s.LastError == "push: the results list event x twice");
        status.Succeeded(SyncChannel.Push, status.Epoch, Now).Should().BeTrue("the failing channel recovered");
        status.IsOnline.Should().BeTrue();
        status.Snapshot().Should().Match<SyncStatus>(s => s.State == SyncState.Online && s.LastError == null);
    }

    [Fact]
    public void An_exchange_in_flight_when_the_key_was_refused_does_not_clear_AuthFailed_but_a_later_one_does()
    {
        SyncStatusTracker status = Tracker();
        long inFlight = status.Epoch;
        status.Failed(SyncChannel.Push, new SyncFailure(Outcome.AuthFailed, "push failed: 401"));

        status.Succeeded(SyncChannel.Pull, inFlight, Now).Should().BeFalse();
        status.Snapshot().State.Should().Be(SyncState.AuthFailed);
        status.Snapshot().LastPullAt.Should().BeNull();

        status.TryBegin(SyncChannel.Pull, out long later).Should().BeFalse("no exchange starts during a stop state");
        status.TryBegin(SyncChannel.Push, out _).Should().BeFalse();
        status.Succeeded(SyncChannel.Catalog, later, Now).Should().BeTrue("clearing a stop state is a reconnect: it wakes the waiting loops");
        status.Snapshot().State.Should().Be(SyncState.Online);
        status.IsStopped.Should().BeFalse();
    }

    [Fact]
    public void Incompatible_is_a_stop_state_that_other_failures_do_not_replace()
    {
        SyncStatusTracker status = Tracker();
        status.Failed(SyncChannel.Push, new SyncFailure(Outcome.Incompatible, "push failed: 400: unsupported protocol version"));
        status.Failed(SyncChannel.Pull, new SyncFailure(Outcome.Transient, "endpoint unreachable"));

        status.IsStopped.Should().BeTrue();
        status.Snapshot().Should().Match<SyncStatus>(s => s.State == SyncState.Incompatible && s.LastError!.Contains("unsupported protocol version"));
    }

    [Fact]
    public void HistoryRewritten_stops_the_pull_only_and_only_a_pull_that_began_after_it_clears_it()
    {
        SyncStatusTracker status = Tracker();
        status.Succeeded(SyncChannel.Pull, status.Epoch, Now);
        long inFlight = status.Epoch;
        status.Failed(SyncChannel.Pull, new SyncFailure(Outcome.HistoryRewritten, "server history rewritten: the log shrank from 12 to 10 entries"));

        status.Snapshot().Should().Match<SyncStatus>(s => s.State == SyncState.HistoryRewritten && s.LastError == "pull: server history rewritten: the log shrank from 12 to 10 entries");
        status.TryBegin(SyncChannel.Pull, out _).Should().BeFalse("nothing more is pulled from a rewritten history");
        status.TryBegin(SyncChannel.Push, out long push).Should().BeTrue("this instance's own records still go out");
        status.Blocks(SyncChannel.Catalog).Should().BeTrue();

        status.Succeeded(SyncChannel.Push, push, Now.AddSeconds(1)).Should().BeFalse();
        status.Succeeded(SyncChannel.Catalog, push, Now.AddSeconds(1)).Should().BeFalse();
        status.Succeeded(SyncChannel.Pull, inFlight, Now.AddSeconds(1)).Should().BeFalse("a pull that began before the check failed proves nothing");
        status.Snapshot().Should().Match<SyncStatus>(s => s.State == SyncState.HistoryRewritten && s.LastPushAt == Now.AddSeconds(1));

        status.Failed(SyncChannel.Push, new SyncFailure(Outcome.Transient, "endpoint unreachable"));
        status.Snapshot().State.Should().Be(SyncState.HistoryRewritten, "a passing failure does not hide the stop");

        status.Succeeded(SyncChannel.Pull, status.Epoch, Now.AddSeconds(2)).Should().BeTrue("a pull round whose check passes clears it and wakes the loops");
        status.StopState.Should().BeNull();
        status.Snapshot().State.Should().Be(SyncState.Online);
    }

    [Fact]
    public void Parked_events_are_counted_from_the_open_onwards()
    {
        var status = new SyncStatusTracker(enabled: false, () => 0, () => 0, parkedAtOpen: 2);
        status.AddParked(3);
        status.AddParked(-1);

        status.Snapshot().Should().Match<SyncStatus>(s => s.ParkedCount == 4 && s.State == SyncState.Disabled);
    }
}
