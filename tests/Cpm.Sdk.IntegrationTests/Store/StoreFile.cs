using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>Reads a closed store file directly with SQLite, to check what was really written.</summary>
internal static class StoreFile
{
    /// <summary>The ids in <c>events</c>, mapped to their user ids.</summary>
    public static Dictionary<Guid, string> Events(string path) =>
        Read(path, "SELECT id, user_id FROM events", r => (Id(r, 0), r.GetString(1))).ToDictionary(e => e.Item1, e => e.Item2);

    public static HashSet<Guid> OutboxIds(string path) => [.. Read(path, "SELECT event_id FROM outbox", r => Id(r, 0))];

    public static HashSet<string> StateUsers(string path) => [.. Read(path, "SELECT user_id FROM state", r => r.GetString(0))];

    /// <summary>Page numbers of a table's b-tree root, for tests that damage one table on purpose.</summary>
    public static long RootPage(string path, string table) =>
        Read(path, $"SELECT rootpage FROM sqlite_schema WHERE name = '{table}'", r => r.GetInt64(0)).Single();

    public static List<T> Read<T>(string path, string sql, Func<SqliteDataReader, T> row)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static Guid Id(SqliteDataReader reader, int ordinal) => new(reader.GetFieldValue<byte[]>(ordinal), bigEndian: true);
}
