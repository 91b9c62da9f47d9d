using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// What the single writer tells the caller and the status after each commit: a failed commit says plainly that
/// nothing was written, and the outbox and dead-letter counts follow every capture, delivery and rejection.
/// </summary>
public sealed class WriterOutcomeTests
{
    [Fact]
    public async Task A_failed_commit_tells_the_caller_that_nothing_in_the_batch_was_written()
    {
        using var store = new TempStore();
        await using (CpmClient created = await store.OpenAsync())
        {
            await created.RecordAsync(new ConsentCapture("before", "marketing", "sms", ConsentChoice.Granted));
        }

        new AuditStoreFile(store.DatabasePath).Sql("""
            CREATE TRIGGER refuse_all BEFORE INSERT ON outbox
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """);
        await using CpmClient cpm = await store.OpenAsync();

        CpmStoreException refused = (await FluentActions.Awaiting(
                () => cpm.RecordAsync(new ConsentCapture("refused", "marketing", "sms", ConsentChoice.Withdrawn)).AsTask())
            .Should().ThrowAsync<CpmStoreException>()).Which;

        refused.Message.Should().Be("The store failed to commit; nothing in this batch was written.");
        refused.InnerException.Should().BeOfType<SqliteException>();
        (await cpm.GetHistoryAsync("refused")).Should().BeEmpty();
    }

    [Fact]
    public async Task The_outbox_and_dead_letter_counts_follow_captures_deliveries_and_rejections()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory);
        CpmOptions options = SyncHarness.ClientOptions(temp, server.BaseAddress);
        options.Purposes.Add(new PurposeDefinition { Id = "beta-feature" }); // known here, unknown to the server
        await using CpmClient client = CpmClient.Open(options, null, null);
        await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        await client.RecordAsync(new ConsentCapture("u1", "beta-feature", "sms", ConsentChoice.Granted));
        await client.RecordAsync(new ConsentCapture("u2", "marketing", "email", ConsentChoice.Withdrawn));

        client.Status.OutboxDepth.Should().Be(3, "every capture waits in the outbox until delivered");
        client.Status.DeadLetterCount.Should().Be(0);

        SyncResult round = await client.SyncNowAsync();

        round.Pushed.Should().Be(2);
        client.Status.OutboxDepth.Should().Be(0);
        client.Status.DeadLetterCount.Should().Be(1, "the event the endpoint rejected is counted as a dead letter");
    }
}
