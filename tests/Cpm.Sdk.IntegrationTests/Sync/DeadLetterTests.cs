using System.Text;
using System.Text.Json;
using Cpm.ReferenceServer;
using Cpm.Sdk.Protocol;
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

    [Fact]
    public async Task Dead_letters_are_listed_and_once_the_cause_is_fixed_requeued_untouched_and_delivered()
    {
        using var temp = new TempStore();
        ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        Uri endpoint = server.BaseAddress;
        try
        {
            CpmOptions options = SyncHarness.ClientOptions(temp, endpoint);
            options.Purposes.Add(new PurposeDefinition { Id = "beta-feature" }); // known here, not yet at the endpoint
            await using CpmClient client = await CpmClient.OpenAsync(options);
            ConsentRecord good = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
            ConsentRecord poison = await client.RecordAsync(new ConsentCapture("u1", "beta-feature", "sms", ConsentChoice.Granted));
            await SyncHarness.EventuallyAsync(() => client.Status is { OutboxDepth: 0, DeadLetterCount: 1 }, Deadline, "one event refused");

            DeadLetter letter = (await client.GetDeadLettersAsync()).Should().ContainSingle().Subject;
            letter.EventId.Should().Be(poison.Id);
            letter.Kind.Should().Be(DeadLetterKind.Rejected);
            letter.Reason.Should().Contain("beta-feature", "the endpoint's own reason");
            letter.Record.Should().Be(poison);
            letter.WireEvent.Should().BeNull();
            letter.ToString().Should().Contain(poison.Id.ToString()).And.NotContain("u1");
            server.EventIds().Should().BeEquivalentTo([good.Id]);

            // The cause is fixed: the endpoint learns the purpose.
            await server.DisposeAsync();
            server = await SyncHarness.StartServerAsync(
                temp.Directory,
                url: endpoint.GetLeftPart(UriPartial.Authority),
                purposes:
                [
                    new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent },
                    new PurposeDefinition { Id = "beta-feature", LegalBasis = LegalBasis.Consent },
                ]);

            (await client.RequeueDeadLettersAsync([poison.Id])).Should().Be(1);
            client.Status.DeadLetterCount.Should().Be(0);
            ReferenceServerHost current = server;
            await SyncHarness.EventuallyAsync(() => current.EventIds().Contains(poison.Id), Deadline, "the requeued event is delivered by the loop");
            await SyncHarness.EventuallyAsync(() => client.Status.OutboxDepth == 0, Deadline, "the outbox empties");
            (await client.GetDeadLettersAsync()).Should().BeEmpty();
            (await client.RequeueDeadLettersAsync()).Should().Be(0, "nothing is left to requeue");
            (await client.GetHistoryAsync("u1")).Should().BeEquivalentTo([good, poison], "requeued untouched: same id and content, no new record");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_parked_event_that_now_passes_validation_is_merged_on_requeue_and_one_that_does_not_stays_parked()
    {
        using var temp = new TempStore();
        await (await temp.OpenAsync()).DisposeAsync();
        WireEvent mergeable = WirePages.Event("u-parked"), broken = WirePages.Event("u-broken", choice: "revoked");
        var file = new StoreFile(temp.DatabasePath);
        using (Microsoft.Data.Sqlite.SqliteConnection connection = file.Open())
        {
            foreach (WireEvent wire in new[] { mergeable, broken })
            {
                using Microsoft.Data.Sqlite.SqliteCommand insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO parked_events(id, body, reason, parked_at) VALUES ($id, $body, 'parked under an older rule', 0)";
                insert.Parameters.AddWithValue("$id", wire.Id);
                insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(wire, ProtocolJson.WireEvent));
                insert.ExecuteNonQuery();
            }
        }

        await using CpmClient client = await temp.OpenAsync();
        client.Status.ParkedCount.Should().Be(2, "parked events are counted at open");
        (await client.GetDeadLettersAsync()).Select(l => l.Kind).Should().Equal(DeadLetterKind.Unmergeable, DeadLetterKind.Unmergeable);

        (await client.RequeueDeadLettersAsync()).Should().Be(1);

        client.Evaluate("u-parked", "marketing", "sms").RecordId.Should().Be(Guid.Parse(mergeable.Id!), "merged like a pull");
        client.Status.ParkedCount.Should().Be(1);
        DeadLetter left = (await client.GetDeadLettersAsync()).Should().ContainSingle().Subject;
        left.EventId.Should().Be(Guid.Parse(broken.Id!));
        (await client.RequeueDeadLettersAsync([left.EventId])).Should().Be(0, "it still cannot be merged, so it stays parked");
        (await client.RequeueDeadLettersAsync([])).Should().Be(0);
        client.Status.ParkedCount.Should().Be(1);
    }
}
