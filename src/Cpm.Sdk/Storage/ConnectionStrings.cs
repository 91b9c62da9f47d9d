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

    /// <summary>
    /// Reads a file that must not be changed in any way: no locks, no write-ahead log or shared-memory file created.
    /// Only safe when no write-ahead log exists, since an immutable open ignores one.
    /// </summary>
    public static string Immutable(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = new Uri(path).AbsoluteUri + "?immutable=1",
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    public static string ReadOnly(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
    }.ToString();
}
