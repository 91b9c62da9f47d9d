using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Rights;

/// <summary>Builds the alias index and the tombstones from the store at open, before the gate answers anything.</summary>
internal static class RightsLoader
{
    /// <summary>Reads <c>aliases</c> and <c>tombstones</c> through <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection to the store.</param>
    /// <param name="aliasKinds">The declared alias kinds; others are held (they order later events) but resolve to no one.</param>
    public static (AliasIndex Aliases, Tombstones Tombstones) Load(SqliteConnection connection, IEnumerable<string> aliasKinds)
    {
        var aliases = new AliasIndex(aliasKinds);
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT alias, CASE WHEN linked = 1 THEN user_id END, occurred_at, event_id FROM aliases";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                aliases.Set(reader.GetString(0), new AliasTarget(
                    reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2), Sql.BlobToId(reader, 3)));
            }
        }

        var tombstones = new Tombstones();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT subject_hash, event_id, erased_at FROM tombstones";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (SubjectKey.FromBase64(reader.GetString(0)) is { } key)
                {
                    tombstones.Add(key, new Tombstone(Sql.BlobToId(reader, 1), reader.GetInt64(2)));
                }
            }
        }

        return (aliases, tombstones);
    }
}
