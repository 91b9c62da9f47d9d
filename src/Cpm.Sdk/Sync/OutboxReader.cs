using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Sync;

/// <summary>Reads the oldest outbox entries with their events, on a read connection beside the writer.</summary>
internal static class OutboxReader
{
    private const string Query = $"""
        SELECT {RecordReader.StoredColumns}
        FROM events WHERE id IN (SELECT event_id FROM outbox ORDER BY seq LIMIT $limit)
        ORDER BY seq
        """;

    public static List<StoredEvent> Read(SqliteStore store, int limit)
    {
        using SqliteConnection connection = store.OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$limit", limit);
        using SqliteDataReader reader = command.ExecuteReader();
        var records = new List<StoredEvent>(limit);
        while (reader.Read())
        {
            records.Add(RecordReader.ReadStored(reader));
        }

        return records;
    }
}
