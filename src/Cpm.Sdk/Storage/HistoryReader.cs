using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Reads a user's full history on a read connection of its own, beside the writer.</summary>
internal static class HistoryReader
{
    // The person's events, and the erasures of their id: the history shows an erasure, not what it erased.
    private const string Query = $"""
        SELECT {RecordReader.Columns}, seq FROM events WHERE user_id = $user
        UNION ALL
        SELECT {RecordReader.Columns}, seq FROM events WHERE subject_hash = $hash AND kind = 'erasure'
        ORDER BY occurred_at, seq
        """;

    public static IReadOnlyList<ConsentRecord> Read(SqliteStore store, string userId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = store.OpenReader();
        return Read(connection, userId, cancellationToken);
    }

    /// <summary>Reads the history on an open read connection (in its snapshot, when a transaction is begun on it).</summary>
    public static IReadOnlyList<ConsentRecord> Read(SqliteConnection connection, string userId, CancellationToken cancellationToken)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$hash", Protocol.WireFormat.SubjectHash(userId));
        using SqliteDataReader reader = command.ExecuteReader();

        var records = new List<ConsentRecord>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ConsentRecord record = RecordReader.Read(reader);
            records.Add(record.Kind == EventKind.Erasure ? record with { UserId = userId } : record);
        }

        return records;
    }
}
