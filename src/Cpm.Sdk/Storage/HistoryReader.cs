using Cpm.Sdk.Model;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Reads a user's full history on a read connection of its own, beside the writer.</summary>
internal static class HistoryReader
{
    private const string Query = """
        SELECT id, user_id, purpose, channel, choice, policy_version, source, occurred_at, expires_at,
               jurisdiction, evidence, recorded_at, origin
        FROM events WHERE user_id = $user ORDER BY occurred_at, seq
        """;

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
            records.Add(new ConsentRecord
            {
                Id = Sql.BlobToId(reader, 0),
                UserId = reader.GetString(1),
                Purpose = reader.GetString(2),
                Channel = reader.GetString(3),
                Choice = (ConsentChoice)reader.GetInt32(4),
                PolicyVersion = reader.GetInt32(5),
                Source = reader.GetString(6),
                OccurredAt = Sql.FromUnixMs(reader.GetInt64(7)),
                ExpiresAt = reader.IsDBNull(8) ? null : Sql.FromUnixMs(reader.GetInt64(8)),
                Jurisdiction = reader.IsDBNull(9) ? null : reader.GetString(9),
                Evidence = EvidenceJson.Deserialize(reader.IsDBNull(10) ? null : reader.GetString(10)),
                RecordedAt = Sql.FromUnixMs(reader.GetInt64(11)),
                Origin = reader.GetString(12),
            });
        }

        return records;
    }
}
