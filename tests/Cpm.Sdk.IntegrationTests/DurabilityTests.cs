using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests;

public sealed class DurabilityTests
{
    [Theory]
    [InlineData(Durability.Full, 2)]
    [InlineData(Durability.Normal, 1)]
    public void Store_runs_in_wal_mode_with_the_chosen_synchronous_level(Durability durability, long synchronous)
    {
        using var temp = new TempStore();
        using SqliteStore store = SqliteStore.Open(temp.DatabasePath, durability);

        Sql.ScalarString(store.Writer, "PRAGMA journal_mode").Should().Be("wal");
        Sql.ScalarInt64(store.Writer, "PRAGMA synchronous").Should().Be(synchronous);
        Sql.ScalarInt64(store.Writer, "PRAGMA application_id").Should().Be(Schema.ApplicationId);
        Sql.ScalarInt64(store.Writer, "PRAGMA user_version").Should().Be(Schema.LatestVersion);
    }

    [Fact]
    public async Task Record_event_state_and_outbox_commit_together()
    {
        using var temp = new TempStore();
        ConsentRecord record;
        await using (CpmClient cpm = await temp.OpenAsync())
        {
            record = await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        }

        using SqliteStore store = SqliteStore.Open(temp.DatabasePath, Durability.Full);
        byte[] id = record.Id.ToByteArray(bigEndian: true); // the stored form of an id
        store.Count("events").Should().Be(1);
        store.Count("state").Should().Be(1);
        store.Count("outbox").Should().Be(1);
        using var command = store.Writer.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events e JOIN state s ON s.event_id = e.id JOIN outbox o ON o.event_id = e.id WHERE e.id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteScalar().Should().Be(1L);
    }
}
