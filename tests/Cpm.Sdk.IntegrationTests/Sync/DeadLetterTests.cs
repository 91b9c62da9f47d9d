using System.Text;
using Cpm.ReferenceServer;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Sync;

public sealed class DeadLetterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_event_the_server_rejects_lands_in_dead_letters_and_the_others_are_delivered()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.Purposes.Add(new PurposeDefinition { Id = "beta-feature" }); // known here, unknown to the server
        await using CpmClient client = await CpmClient.OpenAsync(options);

        ConsentRecord good1 = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        ConsentRecord poison = await client.RecordAsync(new ConsentCapture("u1", "beta-feature", "sms", ConsentChoice.Granted));
        ConsentRecord good2 = await client.RecordAsync(new ConsentCapture("u2", "marketing", "email", ConsentChoice.Denied));

        await SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, Deadline, "the outbox empties");

        client.Status.DeadLetterCount.Should().Be(1);
        server.EventIds().Should().BeEquivalentTo([good1.Id, good2.Id]);
        (await client.GetHistoryAsync("u1")).Select(r => r.Id).Should().Contain(poison.Id, "a dead letter is kept, never dropped");
        client.CanUse("u1", "beta-feature", "sms").Should().BeTrue("the local gate still honours the local capture");
    }

    [Fact]
    public async Task A_batch_refused_whole_with_400_is_bisected_down_to_the_poison_events()
    {
        using var temp = new TempStore();
        int refusedBatches = 0;
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, app => app.Use(async (context, next) =>
        {
            // A stricter server: any push containing a "poison" user is refused as a whole.
            if (HttpMethods.IsPost(context.Request.Method))
            {
                context.Request.EnableBuffering();
                string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
                context.Request.Body.Position = 0;
                if (body.Contains("\"poison-", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refusedBatches);
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("{\"error\":\"poison event in batch\"}");
                    return;
                }
            }

            await next(context);
        }));
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.PushBatchSize = 64;
        await using CpmClient client = await CpmClient.OpenAsync(options);
        await client.SyncNowAsync(); // online first, so the captures below go out as one batch

        var good = new List<Guid>();
        var poison = new List<Guid>();
        for (int i = 0; i < 64; i++)
        {
            bool isPoison = i is 5 or 40;
            ConsentRecord record = await client.RecordAsync(new ConsentCapture(isPoison ? $"poison-{i}" : $"user-{i}", "marketing", "sms", ConsentChoice.Granted));
            (isPoison ? poison : good).Add(record.Id);
        }

        SyncResult result = await client.SyncNowAsync();

        await SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, Deadline, "the outbox empties");
        client.Status.DeadLetterCount.Should().Be(2);
        server.EventIds().Should().BeEquivalentTo(good);
        refusedBatches.Should().BeGreaterThan(2, "the batch was split to find the poison");
        result.Status.LastError.Should().BeNull();
    }
}
