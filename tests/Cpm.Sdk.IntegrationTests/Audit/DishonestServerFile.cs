using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// What a dishonest operator does to a stopped reference server's file: edits an old event, then rebuilds the whole
/// Merkle tree from the edited bodies so the server serves a self-consistent, freshly signed, but different history.
/// </summary>
internal static class DishonestServerFile
{
    /// <summary>Edits the body of the event stored as <paramref name="sequence"/> and rebuilds every leaf and subtree.</summary>
    public static void RewriteEvent(string path, long sequence, Action<JsonObject> edit)
    {
        using SqliteConnection connection = Open(path);
        using SqliteTransaction transaction = connection.BeginTransaction();
        JsonObject body = JsonNode.Parse((string)Scalar(connection, "SELECT body FROM events WHERE seq = $seq", ("$seq", sequence))!)!.AsObject();
        edit(body);
        Execute(connection, "UPDATE events SET body = $body WHERE seq = $seq", ("$body", body.ToJsonString()), ("$seq", sequence));
        RebuildTree(connection);
        transaction.Commit();
    }

    /// <summary>Recomputes every leaf from the stored bodies and replaces <c>merkle_nodes</c> with the tree they make.</summary>
    private static void RebuildTree(SqliteConnection connection)
    {
        var leaves = new List<byte[]>();
        using (SqliteCommand read = connection.CreateCommand())
        {
            read.CommandText = "SELECT body FROM events ORDER BY seq";
            using SqliteDataReader reader = read.ExecuteReader();
            while (reader.Read())
            {
                leaves.Add(AuditLeaf.Hash(JsonSerializer.Deserialize(reader.GetString(0), ProtocolJson.WireEvent)!));
            }
        }

        Execute(connection, "DELETE FROM merkle_nodes");
        var frontier = new MerkleFrontier();
        foreach (byte[] leaf in leaves)
        {
            foreach ((int level, long index, byte[] hash) in frontier.Append(leaf))
            {
                Execute(connection, "INSERT INTO merkle_nodes(level, idx, hash) VALUES ($l, $i, $h)", ("$l", level), ("$i", index), ("$h", hash));
            }
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
