using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Statements prepared once on the writer connection's handle and driven inside the batch's transaction: each run to
/// completion and reset, SQLite's error turned into a <see cref="SqliteException"/> with its message, all disposed
/// together. The command sets of the writer (<see cref="EventCommands"/>, <see cref="LedgerCommands"/>) each hold one.
/// </summary>
internal sealed class PreparedStatements(sqlite3 db) : IDisposable
{
    private readonly List<sqlite3_stmt> _prepared = [];

    /// <summary>The connection's handle.</summary>
    public sqlite3 Handle => db;

    /// <summary>Prepares <paramref name="sql"/>; disposed with the set.</summary>
    public sqlite3_stmt Prepare(string sql)
    {
        int rc = raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }

        _prepared.Add(statement);
        return statement;
    }

    /// <summary>Runs a bound statement to completion and resets it; returns the rows it changed.</summary>
    public int Execute(sqlite3_stmt statement)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        return rc == raw.SQLITE_DONE ? raw.sqlite3_changes(db) : throw Error(rc);
    }

    /// <summary>The connection's error for the result code <paramref name="rc"/>.</summary>
    public SqliteException Error(int rc) => new(raw.sqlite3_errmsg(db).utf8_to_string(), rc);

    /// <summary>Ids are stored as 16 big-endian bytes, so SQLite's byte order equals UUIDv7 time order.</summary>
    public static void BindId(sqlite3_stmt statement, int index, Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        raw.sqlite3_bind_blob(statement, index, bytes);
    }

    /// <summary>
    /// Binds <paramref name="text"/> as UTF-8, the bytes SQLitePCL's string overload binds, but encoded on the stack (a
    /// pooled buffer past 512 bytes) where that overload allocates a new array per call: statements run at send rate bind
    /// this way. SQLite copies the bytes before this returns (SQLITE_TRANSIENT).
    /// </summary>
    public static void BindText(sqlite3_stmt statement, int index, string text)
    {
        const int StackBytes = 512;
        if (text.Length == 0)
        {
            // An empty span pins to a null pointer, which SQLite would bind as NULL, not as ''.
            raw.sqlite3_bind_text(statement, index, text);
            return;
        }

        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = most > StackBytes ? ArrayPool<byte>.Shared.Rent(most) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[StackBytes] : rented;
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            raw.sqlite3_bind_text(statement, index, buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Dispose()
    {
        foreach (sqlite3_stmt statement in _prepared)
        {
            statement.Dispose();
        }

        _prepared.Clear();
    }
}
