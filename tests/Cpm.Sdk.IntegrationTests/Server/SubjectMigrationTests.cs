using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// A database of server schema version 2 migrates to version 3 at start: every stored event gets the subject hash of
/// its user id and the tombstones table appears, bodies and the log unchanged; an erasure then finds the migrated events.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class SubjectMigrationTests
{
    [Fact]
    public async Task A_version_2_database_gets_subject_hashes_and_an_erasure_then_scrubs_its_old_events()
    {
        using var temp = new TempStore();
        var file = new DatabaseFile(Path.Combine(temp.Directory, "server.db"));
        WireEvent[] stored =
        [
            KindEvents.Grant("user-old-1", evidence: new() { ["ip"] = "198.51.100.5" }),
            KindEvents.Grant("user-old-2", TimeSpan.FromSeconds(1)),
            KindEvents.Grant("user-old-1", TimeSpan.FromSeconds(2), choice: "withdrawn"),
        ];
        List<WireEvent> before;
        LogServer.Checkpoint checkpoint;
        await using (LogServer server = await LogServer.StartAsync(file.Path))
        {
            await server.PushAsync(stored.Select(KindEvents.Node));
            before = await server.PullAllAsync();
            checkpoint = await server.CheckpointAsync();
        }

        DowngradeToVersion2(file.Path);

        await using LogServer migrated = await LogServer.StartAsync(file.Path);

        file.Scalar("PRAGMA user_version").Should().Be(3L);
        file.Scalar("SELECT count(*) FROM events WHERE subject_hash IS NULL").Should().Be(0L);
        foreach (string user in new[] { "user-old-1", "user-old-2" })
        {
            file.Scalar($"SELECT count(*) FROM events WHERE user_id = '{user}' AND subject_hash = '{WireFormat.SubjectHash(user)}'")
                .Should().Be(user == "user-old-1" ? 2L : 1L, "each event is found by the hash of its own user id");
        }

        file.Tombstones().Should().BeEmpty();
        (await migrated.PullAllAsync()).Select(KindEvents.Text).Should().Equal(before.Select(KindEvents.Text), "bodies are unchanged");
        (await migrated.CheckpointAsync()).Root.Should().Equal(checkpoint.Root, "the log is unchanged");

        await migrated.PushAsync([KindEvents.Node(KindEvents.Erasure("user-old-1", TimeSpan.FromMinutes(1)))]);

        file.CellsHolding("user-old-1", "198.51.100.5").Should().BeEmpty("the erasure finds the migrated events by their hash");
        file.CellsHolding("user-old-2").Should().NotBeEmpty();
    }

    /// <summary>Turns a version 3 file back into what version 2 made: no subject hashes, no tombstones.</summary>
    private static void DowngradeToVersion2(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            DROP INDEX events_by_subject;
            DROP TABLE tombstones;
            ALTER TABLE events DROP COLUMN subject_hash;
            PRAGMA user_version=2;
            """;
        command.ExecuteNonQuery();
    }
}
