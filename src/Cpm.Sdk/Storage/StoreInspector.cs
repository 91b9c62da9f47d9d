using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Checks an existing file before the store is allowed to write to it: SQLite header, our application id,
/// a schema version this build understands, and <c>PRAGMA quick_check</c>. Reads only; never creates or rewrites.
/// </summary>
internal static class StoreInspector
{
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Whether <paramref name="path"/> holds anything to inspect (a non-empty file or a write-ahead log).</summary>
    public static bool HasContent(string path) =>
        (File.Exists(path) && new FileInfo(path).Length > 0) || File.Exists(path + "-wal");

    /// <summary>Returns the schema version of an existing store, or throws <see cref="CpmStoreException"/>.</summary>
    public static int Inspect(string path)
    {
        CheckHeader(path);
        try
        {
            // Without a write-ahead log there is nothing to recover, so read the file as immutable and leave no trace.
            // With one (after a crash), the log holds committed data and must be read through a normal read-only open.
            using var connection = new SqliteConnection(File.Exists(path + "-wal")
                ? ConnectionStrings.ReadOnly(path, pooling: false)
                : ConnectionStrings.Immutable(path));
            connection.Open();
            long applicationId = Sql.ScalarInt64(connection, "PRAGMA application_id");
            int version = (int)Sql.ScalarInt64(connection, "PRAGMA user_version");
            if (applicationId != Schema.ApplicationId && !(applicationId == 0 && version == 0 && IsEmpty(connection)))
            {
                throw new CpmStoreException($"'{path}' is a SQLite database of another application (application_id {applicationId}); refusing to use it. The file was left untouched.");
            }

            if (version > Schema.LatestVersion)
            {
                throw new CpmStoreException($"'{path}' has schema version {version}, newer than this SDK's {Schema.LatestVersion}; upgrade Cpm.Sdk. The file was left untouched.");
            }

            string? check = Sql.ScalarString(connection, "PRAGMA quick_check");
            return check == "ok" ? version : throw new CpmStoreException($"'{path}' failed its integrity check: {check}. The file was left untouched.");
        }
        catch (SqliteException ex)
        {
            throw new CpmStoreException($"'{path}' cannot be read as a Cpm.Sdk store ({ex.Message}). The file was left untouched.", ex);
        }
    }

    private static void CheckHeader(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[SqliteMagic.Length];
        using (FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                throw new CpmStoreException($"'{path}' is not a SQLite database (too short). The file was left untouched.");
            }
        }

        if (!header.SequenceEqual(SqliteMagic))
        {
            throw new CpmStoreException($"'{path}' is not a SQLite database (bad header). The file was left untouched.");
        }
    }

    private static bool IsEmpty(SqliteConnection connection) =>
        Sql.ScalarInt64(connection, "SELECT count(*) FROM sqlite_schema") == 0;
}
