using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>Read-only queries for tests, on fresh unpooled connections so they also work after the server stopped.</summary>
internal static class StoreInspection
{
    public static long Count(string path)
    {
        using SqliteConnection connection = EventStore.OpenReader(Sql.ReaderConnection(path, pooling: false));
        return Sql.ScalarInt64(connection, "SELECT count(*) FROM events");
    }

    /// <summary>Every stored id, in server order.</summary>
    public static IReadOnlyList<Guid> Ids(string path)
    {
        using SqliteConnection connection = EventStore.OpenReader(Sql.ReaderConnection(path, pooling: false));
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM events ORDER BY seq";
        using SqliteDataReader reader = command.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read())
        {
            ids.Add(Guid.ParseExact(reader.GetString(0), "D"));
        }

        return ids;
    }
}
