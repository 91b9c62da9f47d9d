using Cpm.Sdk.Gate;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Builds the gate index from the <c>state</c> table at open, before the gate answers anything.
/// Millions of rows go through here, so it reads columns straight from the SQLite statement
/// (ids as spans, purposes and channels interned from their UTF-8 bytes) instead of through ADO.NET.
/// </summary>
internal static class IndexLoader
{
    private const string Query = """
        SELECT user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at
        FROM state ORDER BY user_id
        """;

    public static ConsentIndex Load(SqliteConnection connection, SymbolTable symbols)
    {
        // Rows, not distinct users: an upper bound that costs one b-tree count instead of a second full scan.
        long users = Sql.ScalarInt64(connection, "SELECT count(*) FROM state");
        var index = new ConsentIndex((int)Math.Min(users, int.MaxValue));
        var symbolCache = new Utf8SymbolCache(symbols);

        sqlite3 db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, Query, out sqlite3_stmt statement));
        using (statement)
        {
            var entries = new List<IndexEntry>(4);
            string? currentUser = null;
            byte[] currentUserUtf8 = new byte[1024];
            int currentUserLength = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                ReadOnlySpan<byte> userBytes = raw.sqlite3_column_blob(statement, 0);
                if (currentUser is null || !userBytes.SequenceEqual(currentUserUtf8.AsSpan(0, currentUserLength)))
                {
                    if (currentUser is not null)
                    {
                        index.Set(currentUser, [.. entries]);
                        entries.Clear();
                    }

                    currentUser = System.Text.Encoding.UTF8.GetString(userBytes);
                    if (userBytes.Length > currentUserUtf8.Length)
                    {
                        currentUserUtf8 = new byte[userBytes.Length];
                    }

                    userBytes.CopyTo(currentUserUtf8);
                    currentUserLength = userBytes.Length;
                }

                ReadOnlySpan<byte> id = raw.sqlite3_column_blob(statement, 3);
                if (id.Length != 16)
                {
                    throw new CpmStoreException($"Corrupt state row: an id of {id.Length} bytes instead of 16.");
                }

                entries.Add(new IndexEntry(
                    new Guid(id, bigEndian: true),
                    raw.sqlite3_column_int64(statement, 6),
                    raw.sqlite3_column_type(statement, 7) == raw.SQLITE_NULL ? IndexEntry.Never : raw.sqlite3_column_int64(statement, 7),
                    symbolCache.Intern(raw.sqlite3_column_blob(statement, 1)),
                    symbolCache.Intern(raw.sqlite3_column_blob(statement, 2)),
                    raw.sqlite3_column_int(statement, 5),
                    (ConsentChoice)raw.sqlite3_column_int(statement, 4)));
            }

            Check(db, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
            if (currentUser is not null)
            {
                index.Set(currentUser, [.. entries]);
            }
        }

        return index;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new CpmStoreException($"Loading the gate index failed: {raw.sqlite3_errmsg(db).utf8_to_string()} (SQLite {rc}).");
        }
    }

    /// <summary>Purposes and channels are few: resolve their UTF-8 bytes to symbols without allocating a string per row.</summary>
    private sealed class Utf8SymbolCache(SymbolTable symbols)
    {
        private readonly List<(byte[] Utf8, int Symbol)> _known = [];

        public int Intern(ReadOnlySpan<byte> utf8)
        {
            foreach ((byte[] bytes, int symbol) in _known)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return symbol;
                }
            }

            int interned = symbols.Intern(System.Text.Encoding.UTF8.GetString(utf8));
            _known.Add((utf8.ToArray(), interned));
            return interned;
        }
    }
}
