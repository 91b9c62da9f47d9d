using System.Text;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// The edges of halving a refused push (docs/protocol.md §3, issue 6 §3): a lone event refused is kept, not
/// dead-lettered; once part of a batch went through, poison events side by side are each dead-lettered; a rejection
/// without a reason still says why.
/// </summary>
public sealed class PushRefusalEdgeTests
{
    [Fact]
    public async Task A_lone_event_refused_with_400_stays_queued_because_nothing_tells_a_poison_event_from_a_refused_batch()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = ScriptedServer.Answer(400, """{"error":"request refused"}""");
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress), null, null);
        ConsentRecord withdrawal = await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Withdrawn));

        SyncResult round = await client.SyncNowAsync();

        round.DeadLettered.Should().Be(0);
        round.Status.DeadLetterCount.Should().Be(0);
        round.Status.OutboxDepth.Should().Be(1, "the withdrawal waits for an endpoint that takes it");
        round.Status.LastError.Should().Contain("for the batch, not for single events").And.Contain("request refused");
        server.Pushes.Should().Be(1, "there is no neighbour to ask");

        server.Push = null;
        (await client.SyncNowAsync()).Pushed.Should().Be(1);
        server.Reference.EventIds().Should().Equal(withdrawal.Id);
    }

    [Fact]
    public async Task Once_part_of_a_batch_went_through_poison_events_side_by_side_are_each_dead_lettered()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = RefusingPoison(server);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 4;
        await using CpmClient client = CpmClient.Open(options, null, null);
        var good = new List<Guid>();
        var poison = new List<Guid>();
        foreach (string user in (string[])["user-0", "user-1", "poison-2", "poison-3"])
        {
            ConsentRecord record = await client.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted));
            (user.StartsWith("poison", StringComparison.Ordinal) ? poison : good).Add(record.Id);
        }

        SyncResult round = await client.SyncNowAsync();

        round.Pushed.Should().Be(2);
        round.DeadLettered.Should().Be(2, "the first half went through, so the batch itself is not what the endpoint refuses");
        round.Status.LastError.Should().BeNull();
        round.Status.OutboxDepth.Should().Be(0);
        server.Reference.EventIds().Should().BeEquivalentTo(good);
        (await client.GetDeadLettersAsync()).Select(d => d.EventId).Should().BeEquivalentTo(poison);
        server.Pushes.Should().Be(5, "the batch, its halves, then each poison event alone");
    }

    [Fact]
    public async Task A_poison_event_first_in_its_batch_is_dead_lettered_once_the_event_after_it_goes_through_alone()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = RefusingPoison(server);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 4;
        await using CpmClient client = CpmClient.Open(options, null, null);
        var ids = new List<Guid>();
        foreach (string user in (string[])["poison-0", "user-1", "user-2", "user-3"])
        {
            ids.Add((await client.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Withdrawn))).Id);
        }

        SyncResult round = await client.SyncNowAsync();

        round.Pushed.Should().Be(3);
        round.DeadLettered.Should().Be(1);
        round.Status.LastError.Should().BeNull();
        (await client.GetDeadLettersAsync()).Should().ContainSingle().Which.EventId.Should().Be(ids[0]);
        server.Reference.EventIds().Should().BeEquivalentTo(ids[1..]);
        server.Pushes.Should().Be(5, "the batch, its first half, the poison event, its neighbour alone, the second half");
    }

    [Fact]
    public async Task Poison_events_refused_for_different_reasons_are_each_dead_lettered_with_their_own_reason()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = async (context, real) =>
        {
            context.Request.EnableBuffering();
            string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            string? error = body.Contains("\"poison-a", StringComparison.Ordinal) ? "reason a"
                : body.Contains("\"poison-b", StringComparison.Ordinal) ? "reason b" : null;
            if (error is not null)
            {
                await ScriptedServer.Answer(400, $$"""{"error":"{{error}}"}""")(context, real);
                return;
            }

            context.Request.Body.Position = 0;
            await real(context);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 4;
        await using CpmClient client = CpmClient.Open(options, null, null);
        var ids = new List<Guid>();
        foreach (string user in (string[])["poison-a0", "poison-b1", "user-2", "user-3"])
        {
            ids.Add((await client.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted))).Id);
        }

        SyncResult round = await client.SyncNowAsync();

        round.Pushed.Should().Be(2);
        round.DeadLettered.Should().Be(2, "the neighbour was refused for a reason of its own: both are poison events");
        round.Status.LastError.Should().BeNull();
        IReadOnlyList<DeadLetter> letters = await client.GetDeadLettersAsync();
        letters.Should().HaveCount(2);
        letters.Single(d => d.EventId == ids[0]).Reason.Should().Be("400: reason a");
        letters.Single(d => d.EventId == ids[1]).Reason.Should().Be("400: reason b");
        server.Reference.EventIds().Should().BeEquivalentTo(ids[2..]);
    }

    [Theory]
    [InlineData("poison-a0", "poison-b1", "poison-a2")]
    [InlineData("poison-a0", "poison-b1", "poison-c2")]
    public async Task An_event_dead_lettered_in_a_round_is_never_sent_again_as_a_neighbour(string first, string second, string third)
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        var sent = new List<int>();
        server.Push = async (context, real) =>
        {
            context.Request.EnableBuffering();
            string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            lock (sent)
            {
                sent.Add(CountOf(body, "\"poison-"));
            }

            string? letter = ((string[])["a", "b", "c"]).FirstOrDefault(l => body.Contains($"\"poison-{l}", StringComparison.Ordinal));
            if (letter is not null)
            {
                await ScriptedServer.Answer(400, $$"""{"error":"reason {{letter}}"}""")(context, real);
                return;
            }

            context.Request.Body.Position = 0;
            await real(context);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 3;
        await using CpmClient client = CpmClient.Open(options, null, null);
        var ids = new List<Guid>();
        foreach (string user in (string[])[first, second, third])
        {
            ids.Add((await client.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted))).Id);
        }

        SyncResult round = await client.SyncNowAsync();

        round.DeadLettered.Should().Be(3, "each event is counted once, when it is dead-lettered");
        round.Status.LastError.Should().BeNull("the endpoint refused two events for different reasons: it refuses single events, not the batch");
        round.Status.OutboxDepth.Should().Be(0);
        round.Status.DeadLetterCount.Should().Be(3);
        (await client.GetDeadLettersAsync()).Select(d => d.EventId).Should().BeEquivalentTo(ids);
        sent.Should().Equal([3, 1, 1, 1], "the batch, its first event, that event's neighbour alone, then the last event; a dead-lettered event is not probed again");
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_rejection_without_a_reason_is_dead_lettered_as_rejected()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        await using CpmClient client = CpmClient.Open(SyncHarness.ClientOptions(temp, server.BaseAddress), null, null);
        ConsentRecord record = await client.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        string id = WireFormat.FormatId(record.Id);
        server.Push = ScriptedServer.Answer(200, $$"""{"results":[{"id":"{{id}}","status":"rejected","error":"\u0007 "}]}""");

        SyncResult round = await client.SyncNowAsync();

        round.DeadLettered.Should().Be(1);
        DeadLetter letter = (await client.GetDeadLettersAsync()).Should().ContainSingle().Subject;
        letter.EventId.Should().Be(record.Id);
        letter.Reason.Should().Be("rejected", "a reason that is blank once cleaned says nothing");
    }

    private static ScriptedServer.Script RefusingPoison(ScriptedServer server) => async (context, real) =>
    {
        context.Request.EnableBuffering();
        string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        if (body.Contains("\"poison-", StringComparison.Ordinal))
        {
            await ScriptedServer.Answer(400, """{"error":"poison event in batch"}""")(context, real);
            return;
        }

        context.Request.Body.Position = 0;
        await real(context);
    };
}
