using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// Issue 6 §1 and §3: the stop states. AuthFailed is not cleared by an exchange that was already in flight, and an
/// endpoint that does not speak the protocol version stops sync (Incompatible) without dead-lettering anything.
/// </summary>
public sealed class StopStateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_long_poll_that_began_before_the_key_was_refused_does_not_clear_AuthFailed()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int answered = 0;
        server.Pull = async (context, real) =>
        {
            await release.Task.WaitAsync(server.Stopping);
            await ScriptedServer.Answer(200, WirePages.Empty("0"))(context, real);
            Interlocked.Increment(ref answered);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PollWait = TimeSpan.FromSeconds(20); // the held long poll never times out on its own during the test
        await using CpmClient client = await CpmClient.OpenAsync(options);
        await SyncHarness.EventuallyAsync(() => server.Pulls.Count == 1, Deadline, "a long poll is in flight");

        server.Push = ScriptedServer.Answer(401, """{"error":"missing or invalid API key"}""");
        ConsentRecord record = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        await SyncHarness.EventuallyAsync(() => client.Status.State == SyncState.AuthFailed, Deadline, "the push is refused: AuthFailed");

        release.SetResult();
        await SyncHarness.EventuallyAsync(() => Volatile.Read(ref answered) == 1, Deadline, "the old long poll is answered 200");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a fixed window for the client to take that answer in
        client.Status.State.Should().Be(SyncState.AuthFailed, "a success that began before the refusal says nothing about the key");
        client.Status.LastError.Should().Contain("401");

        server.Push = null; // the key is fixed
        SyncResult round = await client.SyncNowAsync();
        round.Status.State.Should().Be(SyncState.Online, "a round that began after the refusal clears it");
        await SyncHarness.EventuallyAsync(() => server.Reference.EventIds().Contains(record.Id), Deadline, "the queued capture is delivered");

        server.Pull = null;
        ConsentRecord after = await client.RecordAsync(new ConsentCapture("u2", "marketing", "sms", ConsentChoice.Granted));
        await SyncHarness.EventuallyAsync(() => server.Reference.EventIds().Contains(after.Id), Deadline, "the loops, woken by the round, run again");
    }

    [Fact]
    public async Task An_endpoint_that_does_not_speak_the_protocol_version_stops_sync_and_dead_letters_nothing()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = ScriptedServer.Answer(400, """{"error":"unsupported protocol version"}""");
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 64;
        await using CpmClient client = CpmClient.Open(options, null, null);
        for (int i = 0; i < 64; i++)
        {
            await client.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Withdrawn));
        }

        SyncResult round = await client.SyncNowAsync();

        round.Status.State.Should().Be(SyncState.Incompatible);
        round.Status.LastError.Should().Contain("unsupported protocol version");
        round.Status.DeadLetterCount.Should().Be(0, "a batch-level refusal is not about any one event");
        round.Status.OutboxDepth.Should().Be(64);
        server.Pushes.Should().Be(1, "no bisection: one request tells it all");

        client.StartSync(); // a stop state keeps the loops from running
        await client.RecordAsync(new ConsentCapture("user-late", "marketing", "sms", ConsentChoice.Withdrawn));
        int requests = server.Requests.Count;
        await Task.Delay(TimeSpan.FromSeconds(2)); // a fixed observation window, not a wait for a condition
        server.Requests.Count.Should().Be(requests, "a stop state is not retried in a loop");
        client.Status.State.Should().Be(SyncState.Incompatible);

        server.Push = null; // the endpoint is upgraded
        SyncResult resumed = await client.SyncNowAsync();
        resumed.Status.State.Should().Be(SyncState.Online);
        await SyncHarness.EventuallyAsync(() => server.Reference.EventCount() == 65, Deadline, "the round (or the loops it woke) delivers the outbox");
        client.Status.DeadLetterCount.Should().Be(0);
        ConsentRecord after = await client.RecordAsync(new ConsentCapture("user-after", "marketing", "sms", ConsentChoice.Withdrawn));
        await SyncHarness.EventuallyAsync(() => server.Reference.EventIds().Contains(after.Id), Deadline, "the loops run again");
    }
}
