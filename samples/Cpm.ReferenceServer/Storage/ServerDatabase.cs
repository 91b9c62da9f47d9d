using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// The server's SQLite file: the schema, and the checks that refuse a foreign file.
/// </summary>
internal static class ServerDatabase
{
    /// <summary>Stamped in <c>PRAGMA application_id</c>: "CPMS", so an SDK store (or any other file) is refused.</summary>
    public const int ApplicationId = 0x43504D53;
    public const int SchemaVersion = 3;

    // seq is the server order and the pull cursor: AUTOINCREMENT never reuses a number, so cursors only move forward.
    // It is also the event's place in the Merkle log (leaf index seq - 1; merkle_nodes, schema version 2).
    // body is the event's canonical wire JSON with its salt, so a pull returns each event exactly as it was accepted,
    // or in its scrubbed form once its person was erased (schema version 3).
    // user_id, purpose and channel are '' where an event's kind, or its scrubbing, leaves none. subject_hash is the
    // subject hash of the user id the body names in clear, so an erasure finds the person's events (schema version 3).
    private const string CreateEvents = """
        CREATE TABLE events(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            channel TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            body TEXT NOT NULL,
            subject_hash TEXT)
        """;

    /// <summary>
    /// Opens the one writer connection: WAL, full sync, secure delete (what a scrub overwrites is zeroed in the file),
    /// schema created, migrated from version 1 or 2, or checked.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file belongs to something else, or to a newer server.</exception>
    public static SqliteConnection OpenWriter(string path)
    {
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(Sql.WriterConnection(path));
        try
        {
            connection.Open();
            long applicationId = Sql.ScalarInt64(connection, "PRAGMA application_id");
            long version = Sql.ScalarInt64(connection, "PRAGMA user_version");
            if (applicationId == 0 && version == 0 && Sql.ScalarInt64(connection, "SELECT count(*) FROM sqlite_schema") == 0)
            {
                CreateSchema(connection);
            }
            else if (applicationId == ApplicationId && version is 1 or 2)
            {
                Sql.Execute(connection, "PRAGMA synchronous=FULL");
                if (version == 1)
                {
                    LogMigration.ToVersion2(connection);
                }

                SubjectMigration.ToVersion3(connection);
            }
            else if (applicationId != ApplicationId || version != SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"'{path}' is not a reference server database of schema version {SchemaVersion} or older " +
                    $"(application_id 0x{applicationId:X8}, user_version {version}); it was left untouched.");
            }

            Sql.Execute(connection, "PRAGMA journal_mode=WAL");
            Sql.Execute(connection, "PRAGMA synchronous=FULL");
            Sql.Execute(connection, "PRAGMA secure_delete=ON");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InvalidOperationException($"'{path}' cannot be opened as a reference server database: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CreateSchema(SqliteConnection connection)
    {
        Sql.Execute(connection, "PRAGMA journal_mode=WAL");
        using SqliteTransaction transaction = connection.BeginTransaction();
        Sql.Execute(connection, CreateEvents);
        Sql.Execute(connection, MerkleNodes.CreateTable);
        Sql.Execute(connection, Erasures.CreateSubjectIndex);
        Sql.Execute(connection, Erasures.CreateTombstones);
        Sql.Execute(connection, $"PRAGMA application_id={ApplicationId}");
        Sql.Execute(connection, $"PRAGMA user_version={SchemaVersion}");
        transaction.Commit();
    }
}
