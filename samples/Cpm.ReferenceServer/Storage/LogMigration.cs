using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// Schema version 2: the events table becomes a Merkle log. In one transaction, every event stored by version 1
/// without a salt gets one written into its body (the only change to the body), then the leaves and every complete
/// subtree are built in server sequence into <c>merkle_nodes</c>. A failure leaves the file at version 1, untouched.
/// </summary>
internal static class LogMigration
{
    public static void ToVersion2(SqliteConnection connection)
    {
        using SqliteTransaction transaction = connection.BeginTransaction();
        LogTree.CheckSequence(connection);
        Sql.Execute(connection, MerkleNodes.CreateTable);
        var frontier = new MerkleFrontier();
        long after = 0;
        List<(long Sequence, string Body)> page;
        while ((page = ReadPage(connection, after)).Count > 0)
        {
            // Pages keep memory flat however long the log; each event's new body is written before the next page is read.
            foreach ((long sequence, string body) in page)
            {
                WireEvent wire = Parse(sequence, body);
                // A scrubbed event or an erasure needs no salt: its leaf holds commitments, or nothing personal.
                if (wire.Scrubbed != true && wire.Kind != WireFormat.ErasureKind && WireFormat.ParseSalt(wire.Salt) is null)
                {
                    wire.Salt = WireFormat.FormatSalt(WireFormat.NewSalt());
                    UpdateBody(connection, sequence, JsonSerializer.Serialize(wire, ProtocolJson.WireEvent));
                }

                LogTree.Append(connection, frontier, sequence, AuditLeaf.Hash(wire));
            }

            after = page[^1].Sequence;
        }

        Sql.Execute(connection, "PRAGMA user_version=2");
        transaction.Commit();
    }

    private static List<(long Sequence, string Body)> ReadPage(SqliteConnection connection, long after)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT seq, body FROM events WHERE seq > $after ORDER BY seq LIMIT 1000";
        read.Parameters.AddWithValue("$after", after);
        using SqliteDataReader reader = read.ExecuteReader();
        var page = new List<(long, string)>(1000);
        while (reader.Read())
        {
            page.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return page;
    }

    private static void UpdateBody(SqliteConnection connection, long sequence, string body)
    {
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET body = $body WHERE seq = $seq";
        update.Parameters.AddWithValue("$body", body);
        update.Parameters.AddWithValue("$seq", sequence);
        update.ExecuteNonQuery();
    }

    private static WireEvent Parse(long sequence, string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ProtocolJson.WireEvent)
                ?? throw new InvalidOperationException($"Event {sequence} has an empty body; the database was left at schema version 1.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Event {sequence} has a body that is not an event; the database was left at schema version 1.", ex);
        }
    }
}
