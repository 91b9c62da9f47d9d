using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Server;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// A database of server schema version 1 (events only, bodies with or without a salt) migrates forward to version 2:
/// every event gets a salt in its body and a leaf, and the log it makes verifies like any other.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class ServerMigrationTests
{
    [Fact]
    public async Task A_version_1_database_gets_salts_leaves_and_a_tree_and_keeps_every_event()
    {
        using var temp = new TempStore();
        string path = Path.Combine(temp.Directory, "server.db");
        List<JsonObject> stored = [.. Enumerable.Range(0, 37).Select(i => i % 4 == 0 ? WithSalt(RawServer.Event()) : RawServer.Event())];
        CreateVersion1(path, stored);

        await using LogServer server = await LogServer.StartAsync(path);
        List<WireEvent> pulled = await server.PullAllAsync();
        LogServer.Checkpoint checkpoint = await server.CheckpointAsync();

        Scalar(path, "PRAGMA user_version").Should().Be(3L, "version 1 migrates through version 2 to 3");
        pulled.Should().HaveCount(37);
        for (int i = 0; i < stored.Count; i++)
        {
            pulled[i].Seq.Should().Be(i);
            WireFormat.ParseSalt(pulled[i].Salt).Should().NotBeNull("every event has a salt after the migration");
            JsonObject expected = stored[i].DeepClone().AsObject();
            JsonObject actual = JsonSerializer.SerializeToNode(pulled[i], ProtocolJson.WireEvent)!.AsObject();
            if (expected["salt"] is null)
            {
                actual.Remove("salt");
            }

            actual.Remove("seq");
            actual.Remove("kind");
            JsonNode.DeepEquals(actual, expected).Should().BeTrue($"event {i} is unchanged but for its new salt: {actual.ToJsonString()}");
        }

        List<byte[]> leaves = LogServer.Leaves(pulled);
        checkpoint.Size.Should().Be(37);
        checkpoint.Root.Should().Equal(MerkleLog.RootOf(leaves));
        foreach (WireEvent wire in pulled)
        {
            (long index, IReadOnlyList<byte[]> proof) = await server.InclusionAsync(wire.Id!, checkpoint.Size);
            MerkleLog.VerifyInclusion(index, checkpoint.Size, AuditLeaf.Hash(wire), proof, checkpoint.Root).Should().BeTrue();
        }

        await server.PushAsync([RawServer.Event()]);
        LogServer.Checkpoint after = await server.CheckpointAsync();
        IReadOnlyList<byte[]> consistency = await server.ConsistencyAsync(37, 38);
        MerkleLog.VerifyConsistency(37, 38, checkpoint.Root, after.Root, consistency).Should().BeTrue("new events extend the migrated log");
    }

    [Fact]
    public async Task A_version_1_database_whose_sequence_has_a_gap_is_refused_and_left_at_version_1()
    {
        using var temp = new TempStore();
        string path = Path.Combine(temp.Directory, "server.db");
        CreateVersion1(path, [.. Enumerable.Range(0, 5).Select(_ => RawServer.Event())]);
        Execute(path, "DELETE FROM events WHERE seq = 3");

        Func<Task> start = () => LogServer.StartAsync(path);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*without a gap*");
        Scalar(path, "PRAGMA user_version").Should().Be(1L, "a failed migration changes nothing");
        Scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'merkle_nodes'").Should().Be(0L);
    }

    /// <summary>A database exactly as server schema version 1 made it, holding <paramref name="events"/> in order.</summary>
    private static void CreateVersion1(string path, IReadOnlyList<JsonObject> events)
    {
        Execute(path, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE events(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                channel TEXT NOT NULL,
                occurred_at INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                body TEXT NOT NULL);
            PRAGMA application_id=1129336147;
            PRAGMA user_version=1;
            """);
        using SqliteConnection connection = Open(path);
        foreach (JsonObject wire in events)
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO events(id, user_id, purpose, channel, occurred_at, received_at, body)
                VALUES ($id, $user, $purpose, $channel, 0, 0, $body)
                """;
            insert.Parameters.AddWithValue("$id", (string)wire["id"]!);
            insert.Parameters.AddWithValue("$user", (string)wire["userId"]!);
            insert.Parameters.AddWithValue("$purpose", (string)wire["purpose"]!);
            insert.Parameters.AddWithValue("$channel", (string)wire["channel"]!);
            insert.Parameters.AddWithValue("$body", RawServer.Text(wire));
            insert.ExecuteNonQuery();
        }
    }

    private static JsonObject WithSalt(JsonObject wire)
    {
        wire["salt"] = WireFormat.FormatSalt(WireFormat.NewSalt());
        return wire;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(string path, string sql)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using SqliteConnection connection = Open(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
