using System.Text;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>
/// Issue 6 §3: dead letters are for poison events only. A 400 that refuses every batch (a proxy's page) dead-letters
/// nothing and costs few requests; a 413 halves the batch instead of retrying it forever.
/// </summary>
public sealed class BatchRefusalTests
{
    [Fact]
    public async Task A_proxy_answering_400_with_an_html_page_dead_letters_nothing()
    {
        using var temp = new TempStore();
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        server.Push = ScriptedServer.Answer(400, "<html><body><h1>400 Bad Request</h1>Request Header Or Cookie Too Large</body></html>", "text/html");
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 64;
        await using CpmClient client = CpmClient.Open(options, null, null);
        for (int i = 0; i < 64; i++)
        {
            await client.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Withdrawn));
        }

        SyncResult round = await client.SyncNowAsync();

        round.Status.DeadLetterCount.Should().Be(0, "every event was refused the same way: the refusal is about the batch");
        round.Status.OutboxDepth.Should().Be(64);
        round.Status.State.Should().Be(SyncState.Offline);
        round.Status.LastError.Should().Contain("400").And.NotContain("<html", "a body that is not our error JSON is never shown");
        server.Pushes.Should().BeLessThanOrEqualTo(9, "one halving down to a single event and one neighbour, not 127 requests");

        server.Push = null;
        SyncResult healed = await client.SyncNowAsync();
        healed.Pushed.Should().Be(64);
        healed.Status.State.Should().Be(SyncState.Online);
    }

    [Fact]
    public async Task A_413_from_a_proxy_halves_the_batch_and_dead_letters_only_an_event_too_large_alone()
    {
        using var temp = new TempStore();
        const int LimitBytes = 4 * 1024;
        await using ScriptedServer server = await ScriptedServer.StartAsync(temp.Directory);
        int refused = 0;
        server.Push = async (context, real) =>
        {
            context.Request.EnableBuffering();
            string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            if (Encoding.UTF8.GetByteCount(body) > LimitBytes)
            {
                Interlocked.Increment(ref refused);
                await ScriptedServer.Answer(413, "<html>413 Request Entity Too Large</html>", "text/html")(context, real);
                return;
            }

            context.Request.Body.Position = 0;
            await real(context);
        };
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        await using CpmClient client = CpmClient.Open(options, null, null);
        var small = new List<Guid>();
        for (int i = 0; i < 20; i++)
        {
            small.Add((await client.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted))).Id);
        }

        ConsentRecord large = await client.RecordAsync(new ConsentCapture("user-large", "marketing", "sms", ConsentChoice.Granted)
        {
            Evidence = new Dictionary<string, string> { ["form"] = new string('f', 12_000) },
        });

        SyncResult round = await client.SyncNowAsync();

        round.Pushed.Should().Be(20);
        server.Reference.EventIds().Should().BeEquivalentTo(small);
        refused.Should().BeGreaterThan(1, "the batch was halved");
        DeadLetter letter = (await client.GetDeadLettersAsync()).Should().ContainSingle().Subject;
        letter.EventId.Should().Be(large.Id);
        letter.Kind.Should().Be(DeadLetterKind.Rejected);
        letter.Reason.Should().Contain("413");
        round.Status.OutboxDepth.Should().Be(0);
    }
}
