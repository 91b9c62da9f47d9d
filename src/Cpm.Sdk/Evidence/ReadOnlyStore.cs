using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence;

/// <summary>
/// A store file opened only to read, for <see cref="CpmEvidenceReader"/>. It never creates, migrates or locks the file
/// for writing and never takes the writing client's lock. Each task opens a connection of its own, chosen at that
/// moment: while a write-ahead log exists (a client has the store open, or one crashed) a plain read-only connection,
/// which reads the log's committed data in a snapshot beside the writer; otherwise an immutable one, which takes no
/// lock and leaves no <c>-wal</c> or <c>-shm</c> file behind.
/// </summary>
internal sealed class ReadOnlyStore : IEvidenceStore
{
    /// <summary>How long a read waits for a store that another program holds locked before it gives up.</summary>
    public static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(3);

    private ReadOnlyStore(string path, string instanceId)
    {
        Path = path;
        InstanceId = instanceId;
    }

    public string Path { get; }

    public string InstanceId { get; }

    /// <summary>Checks that <paramref name="path"/> is a store of this SDK's schema version, reading only.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="CpmStoreException">Not a store, another schema version, locked, or unreadable.</exception>
    public static ReadOnlyStore Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                Directory.Exists(path) ? $"'{path}' is a folder, not a store file." : $"'{path}' does not exist.", path);
        }

        var probe = new ReadOnlyStore(path, "");
        using SqliteConnection connection = probe.OpenReader();
        string instanceId = Translate(path, () =>
        {
            long applicationId = Sql.ScalarInt64(connection, "PRAGMA application_id");
            int version = (int)Sql.ScalarInt64(connection, "PRAGMA user_version");
            CheckSchema(path, applicationId, version, connection);
            return Sql.ScalarString(connection, "SELECT value FROM meta WHERE key = 'instance_id'")
                ?? throw new CpmStoreException($"'{path}' is a Cpm store without an instance id; it cannot be read as evidence. The file was left untouched.");
        });
        return new ReadOnlyStore(path, instanceId);
    }

    public SqliteConnection OpenReader()
    {
        bool live = File.Exists(Path + "-wal");
        var builder = new SqliteConnectionStringBuilder(live ? ConnectionStrings.ReadOnly(Path, pooling: false) : ConnectionStrings.Immutable(Path))
        {
            DefaultTimeout = (int)BusyWait.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            Translate(Path, () =>
            {
                connection.Open();

                // Raw statements (exports, reports) step without ADO.NET's retry loop: SQLite waits for them.
                Sql.Execute(connection, $"PRAGMA busy_timeout = {(int)BusyWait.TotalMilliseconds}");
                return 0;
            });
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="read"/>, turning SQLite's errors into a <see cref="CpmStoreException"/> that says what to do.</summary>
    public static T Translate<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException ex)
        {
            throw Failure(path, ex);
        }
    }

    /// <summary>A SQLite error as a <see cref="CpmStoreException"/> that says what went wrong and what to do.</summary>
    public static CpmStoreException Failure(string path, SqliteException ex) => new(Problem(path, ex), ex);

    private static void CheckSchema(string path, long applicationId, int version, SqliteConnection connection)
    {
        if (applicationId == 0 && version == 0 && Sql.ScalarInt64(connection, "SELECT count(*) FROM sqlite_schema") == 0)
        {
            throw new CpmStoreException($"'{path}' is empty, not a Cpm store. The file was left untouched.");
        }

        if (applicationId != Schema.ApplicationId)
        {
            throw new CpmStoreException($"'{path}' is a SQLite database of another application (application_id {applicationId}), not a Cpm store. The file was left untouched.");
        }

        if (version > Schema.LatestVersion)
        {
            throw new CpmStoreException($"'{path}' has schema version {version}, newer than this SDK's {Schema.LatestVersion}; upgrade Cpm.Sdk. The file was left untouched.");
        }

        if (version < Schema.LatestVersion)
        {
            throw new CpmStoreException(
                $"'{path}' has schema version {version}, older than this SDK's {Schema.LatestVersion}: open it once with the SDK " +
                "(CpmClient.OpenAsync) to migrate it, then read it again. A reader never migrates a store; the file was left untouched.");
        }
    }

    private static string Problem(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        5 or 6 => $"'{path}' is locked by another program (SQLite: {ex.Message}); nothing was read. Try again when it is free.",
        26 => $"'{path}' is not a SQLite database, so not a Cpm store. The file was left untouched.",
        11 => $"'{path}' is damaged (SQLite: {ex.Message}). The file was left untouched.",
        14 or 23 => $"'{path}' cannot be opened for reading (SQLite: {ex.Message}).",
        _ => $"'{path}' cannot be read as a Cpm store (SQLite: {ex.Message}). The file was left untouched.",
    };
}
