using Cpm.Sdk.Gate;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Builds the gate index from the <c>state</c> table at open, before the gate answers anything.</summary>
internal static class IndexLoader
{
    public static ConsentIndex Load(SqliteConnection connection, SymbolTable symbols)
    {
        long users = Sql.ScalarInt64(connection, "SELECT count(DISTINCT user_id) FROM state");
        var index = new ConsentIndex((int)Math.Min(users, int.MaxValue));

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at
            FROM state ORDER BY user_id
            """;
        using SqliteDataReader reader = command.ExecuteReader();

        byte[] scratch = new byte[16];
        var entries = new List<IndexEntry>(4);
        string? currentUser = null;
        while (reader.Read())
        {
            string userId = reader.GetString(0);
            if (currentUser is not null && !string.Equals(userId, currentUser, StringComparison.Ordinal))
            {
                index.Set(currentUser, [.. entries]);
                entries.Clear();
            }

            currentUser = userId;
            entries.Add(new IndexEntry(
                Sql.BlobToId(reader, 3, scratch),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? IndexEntry.Never : reader.GetInt64(7),
                symbols.Intern(reader.GetString(1)),
                symbols.Intern(reader.GetString(2)),
                reader.GetInt32(5),
                (ConsentChoice)reader.GetInt32(4)));
        }

        if (currentUser is not null)
        {
            index.Set(currentUser, [.. entries]);
        }

        return index;
    }
}
