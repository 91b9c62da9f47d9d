using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Reads a user's full history on a read connection of its own, beside the writer.</summary>
internal static class HistoryReader
{
    private const string Query = $"SELECT {RecordReader.Columns} FROM events WHERE user_id = $user ORDER BY occurred_at, seq";

    public static IReadOnlyList<ConsentRecord> Read(SqliteStore store, string userId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = store.OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$user", userId);
        using SqliteDataReader reader = command.ExecuteReader();

        var records = new List<ConsentRecord>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            records.Add(RecordReader.Read(reader));
        }

        return records;
    }
}
