using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>
/// A commit that fails changes nothing a reader can see: not the store, not the gate, not the audit log, and not
/// later, when the next commit succeeds. The failure is real and late: a trigger on the file refuses the outbox row
/// of one person's event, after the event, its state and its index entry were already written in the batch.
/// </summary>
public sealed class FailedCommitTests
{
    [Fact]
    public async Task A_failed_commit_leaves_no_trace_in_the_gate_even_after_the_next_commit_succeeds()
    {
        using var store = new TempStore();
        await using (CpmClient created = await store.OpenAsync())
        {
            await created.RecordAsync(new ConsentCapture("before", "marketing", "sms", ConsentChoice.Granted));
        }

        new AuditStoreFile(store.DatabasePath).Sql("""
            CREATE TRIGGER refuse_poison BEFORE INSERT ON outbox
            WHEN (SELECT user_id FROM events WHERE id = NEW.event_id) = 'poison'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """);

        await using CpmClient cpm = await store.OpenAsync();
        await FluentActions.Awaiting(() => cpm.RecordAsync(new ConsentCapture("poison", "marketing", "sms", ConsentChoice.Granted) { Jurisdiction = "CCPA" }).AsTask())
            .Should().ThrowAsync<CpmStoreException>();
        cpm.CanUse("poison", "marketing", "sms").Should().BeFalse();

        await cpm.RecordAsync(new ConsentCapture("after", "marketing", "sms", ConsentChoice.Granted));

        cpm.CanUse("after", "marketing", "sms").Should().BeTrue();
        cpm.CanUse("poison", "marketing", "sms").Should().BeFalse("the failed batch's state must never be published by a later one");
        (await cpm.GetHistoryAsync("poison")).Should().BeEmpty();
        (await cpm.GetCheckpointAsync()).Size.Should().Be(2, "the log holds the two committed events, not the refused one");
        (await cpm.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }
}
