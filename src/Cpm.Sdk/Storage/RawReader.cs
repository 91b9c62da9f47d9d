using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// A read-only SQLite handle for bulk reads at open, owned by one thread. Opened straight through SQLite rather than
/// ADO.NET so it can skip the per-call mutex (<c>SQLITE_OPEN_NOMUTEX</c>): the index load makes tens of millions of
/// column calls, and the mutex alone cost a third of it. Without a write-ahead log the file is read as immutable, which
/// is safe because the open holds the store's lock; with one (after a crash) it is read through the log.
/// </summary>
internal sealed class RawReader : IDisposable
{
    private RawReader(sqlite3 db)
    {
        Db = db;
    }

    public sqlite3 Db { get; }

    public static RawReader Open(string path)
    {
        bool immutable = !File.Exists(path + "-wal");
        int flags = raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | (immutable ? raw.SQLITE_OPEN_URI : 0);
        int rc = raw.sqlite3_open_v2(immutable ? ConnectionStrings.FileUri(path) + "?immutable=1" : path, out sqlite3 db, flags, null);
        var reader = new RawReader(db);
        if (rc != raw.SQLITE_OK)
        {
            string error = raw.sqlite3_errmsg(db).utf8_to_string();
            reader.Dispose();
            throw new CpmStoreException($"'{path}' cannot be read as a Cpm.Sdk store ({error}). The file was left untouched.");
        }

        // Another reader may be recovering the write-ahead log's index at the same moment.
        raw.sqlite3_busy_timeout(db, 5_000);
        return reader;
    }

    /// <summary>Prepares <paramref name="sql"/>; the caller disposes the statement.</summary>
    public sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(Db, sql, out sqlite3_stmt statement));
        return statement;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> as bytes, or <see langword="null"/> without a row.</summary>
    public byte[]? ScalarBytes(string sql)
    {
        using sqlite3_stmt statement = Prepare(sql);
        int rc = raw.sqlite3_step(statement);
        Check(rc is raw.SQLITE_ROW or raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        return rc == raw.SQLITE_ROW ? raw.sqlite3_column_blob(statement, 0).ToArray() : null;
    }

    public long ScalarInt64(string sql)
    {
        using sqlite3_stmt statement = Prepare(sql);
        int rc = raw.sqlite3_step(statement);
        Check(rc == raw.SQLITE_ROW ? raw.SQLITE_OK : rc);
        return raw.sqlite3_column_int64(statement, 0);
    }

    /// <summary>Throws <see cref="CpmStoreException"/> for a SQLite result code other than OK.</summary>
    public void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new CpmStoreException($"Loading the gate index failed: {raw.sqlite3_errmsg(Db).utf8_to_string()} (SQLite {rc}).");
        }
    }

    public void Dispose() => Db.Dispose();
}
