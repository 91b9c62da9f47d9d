using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Connection strings for the one writer connection and the pooled read connections.</summary>
internal static class ConnectionStrings
{
    public static string Writer(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    public static string ReadOnly(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
    }.ToString();
}
