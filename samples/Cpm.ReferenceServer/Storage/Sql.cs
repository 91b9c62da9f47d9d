using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>The server's SQLite connection strings and one-off statements.</summary>
internal static class Sql
{
    /// <summary>The one writer connection: read-write, created when missing, never pooled.</summary>
    public static string WriterConnection(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    /// <summary>A read connection; WAL lets it run beside the writer.</summary>
    public static string ReaderConnection(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
    }.ToString();

    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long ScalarInt64(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
