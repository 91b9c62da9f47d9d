using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.Evidence;

/// <summary>
/// A query driven straight on the SQLite statement, as <c>Storage/IndexLoader</c> reads the gate's rows: columns come
/// as integers and UTF-8 spans over SQLite's own buffer, so a scan of a million rows allocates nothing per row.
/// Parameters are bound by position (<c>?1</c>, <c>?2</c>, ...): strings, integers or byte arrays.
/// </summary>
internal sealed class RawRows : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawRows(SqliteConnection connection, string sql, IReadOnlyList<object> parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        for (int i = 0; i < parameters.Count; i++)
        {
            Check(parameters[i] switch
            {
                string text => raw.sqlite3_bind_text(_statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                byte[] blob => raw.sqlite3_bind_blob(_statement, i + 1, blob),
                var other => throw new ArgumentException($"A {other.GetType().Name} cannot be bound.", nameof(parameters)),
            });
        }
    }

    /// <summary>Moves to the next row; <see langword="false"/> after the last.</summary>
    public bool Read()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int Int32(int column) => raw.sqlite3_column_int(_statement, column);

    /// <summary>The column's bytes: UTF-8 for text (a number is given as its text), the bytes of a blob; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>A 16-byte big-endian id column.</summary>
    public Guid Id(int column)
    {
        ReadOnlySpan<byte> bytes = Bytes(column);
        return bytes.Length == 16 ? new Guid(bytes, bigEndian: true) : throw new CpmStoreException($"Corrupt id: {bytes.Length} bytes instead of 16.");
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new CpmStoreException($"Reading the store failed: {raw.sqlite3_errmsg(_db).utf8_to_string()} (SQLite {rc}).");
        }
    }
}
