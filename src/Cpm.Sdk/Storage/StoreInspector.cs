using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Checks an existing file before the store is allowed to write to it: SQLite header, our application id, a schema
/// version this build understands, and <c>PRAGMA quick_check</c> of every table the gate and sync read at open.
/// Reads only; never creates or rewrites. The append-only <c>events</c> table, by far the largest, is checked with
/// the whole file in the background after open (<see cref="StoreCheck"/>).
/// </summary>
internal static class StoreInspector
{
    /// <summary>What open reads: the gate's state, aliases and erasures, the instance id, the sync cursor and catalog, the outbox counts.</summary>
    private static readonly string[] OpenTables = ["state", "meta", "sync_state", "outbox", "dead_letters", "aliases", "tombstones"];

    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Whether <paramref name="path"/> holds anything to inspect (a non-empty file or a write-ahead log).</summary>
    public static bool HasContent(string path) =>
        (File.Exists(path) && new FileInfo(path).Length > 0) || File.Exists(path + "-wal");

    /// <summary>Checks the header, the application id and the schema version; returns the version or throws <see cref="CpmStoreException"/>.</summary>
    public static int Inspect(string path)
    {
        CheckHeader(path);
        return Read(path, connection =>
        {
            long applicationId = Sql.ScalarInt64(connection, "PRAGMA application_id");
            int version = (int)Sql.ScalarInt64(connection, "PRAGMA user_version");
            if (applicationId != Schema.ApplicationId && !(applicationId == 0 && version == 0 && IsEmpty(connection)))
            {
                throw new CpmStoreException($"'{path}' is a SQLite database of another application (application_id {applicationId}); refusing to use it. The file was left untouched.");
            }

            return version <= Schema.LatestVersion
                ? version
                : throw new CpmStoreException($"'{path}' has schema version {version}, newer than this SDK's {Schema.LatestVersion}; upgrade Cpm.Sdk. The file was left untouched.");
        });
    }

    /// <summary>Runs <c>PRAGMA quick_check</c> on every table open reads, or throws <see cref="CpmStoreException"/>; after <see cref="Inspect"/>.</summary>
    public static void CheckOpenTables(string path) => Read(path, connection =>
    {
        foreach (string table in OpenTables)
        {
            if (QuickCheck(connection, table) is { } problem)
            {
                throw new CpmStoreException($"'{path}' failed its integrity check: {problem}. The file was left untouched.");
            }
        }

        return true;
    });

    private static T Read<T>(string path, Func<SqliteConnection, T> read)
    {
        try
        {
            // Without a write-ahead log there is nothing to recover, so read the file as immutable and leave no trace.
            // With one (after a crash), the log holds committed data and must be read through a normal read-only open.
            using var connection = new SqliteConnection(File.Exists(path + "-wal")
                ? ConnectionStrings.ReadOnly(path, pooling: false)
                : ConnectionStrings.Immutable(path));
            connection.Open();
            return read(connection);
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

    /// <summary>
    /// <c>PRAGMA quick_check</c> of one table and its indexes, or of the whole file when <paramref name="table"/> is
    /// <see langword="null"/>; returns <see langword="null"/> when it passes (or the table does not exist yet).
    /// </summary>
    public static string? QuickCheck(SqliteConnection connection, string? table)
    {
        using SqliteCommand command = connection.CreateCommand();
        if (table is not null)
        {
            command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $name";
            command.Parameters.AddWithValue("$name", table);
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }
        }

        // PRAGMA arguments cannot be parameters; the table names come from this class, never from input.
        command.CommandText = table is null ? "PRAGMA quick_check" : $"PRAGMA quick_check(\"{table}\")";
        command.Parameters.Clear();
        using SqliteDataReader reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read() && problems.Count < 5)
        {
            problems.Add(reader.GetString(0));
        }

        return problems is ["ok"] ? null : string.Join("; ", problems);
    }

    private static bool IsEmpty(SqliteConnection connection) =>
        Sql.ScalarInt64(connection, "SELECT count(*) FROM sqlite_schema") == 0;
}
