using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Cpm.Sdk.Gate;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Builds the gate index from the <c>state</c> table at open, before the gate answers anything. A million users is
/// 2.5 million rows, so: columns are read straight from the statement (ids as spans, purposes and channels interned
/// from their bytes), the index is sized once, and a large table is read as two key ranges on two connections at once.
/// </summary>
internal static class IndexLoader
{
    /// <summary>Below this many pages (64 MiB) one thread reads everything: a second connection would not pay off.</summary>
    private const long ParallelFromPages = 16_384;

    /// <summary>The <c>meta</c> key under which the last open left the number of users (<see cref="RememberUsers"/>).</summary>
    private const string UsersKey = "index_users";

    /// <summary>The number of users the last client left, or -1.</summary>
    private const string RememberedUsers = $"SELECT ifnull((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{UsersKey}'), -1)";

    /// <summary>How many leading rows <see cref="EstimateUsers"/> reads to learn the rows per user.</summary>
    private const int UserSample = 10_000;

    // The primary key (user_id, purpose, channel) orders the scan, so ORDER BY costs no sort; a user's rows are adjacent.
    // A missing expiry reads as long.MaxValue (IndexEntry.Never), which saves a type check per row.
    private const string Columns = """
        SELECT user_id, purpose, channel, event_id, choice, policy_version, occurred_at, ifnull(expires_at, 9223372036854775807),
               separate, jurisdiction, frequency
        FROM state
        """;

    /// <summary>Loads through new read-only connections to <paramref name="path"/>; used before the writer opens.</summary>
    /// <param name="path">The store file.</param>
    /// <param name="symbols">Interns purposes and channels.</param>
    /// <param name="parallelFromPages">From this file size in pages on, two connections read half the users each.</param>
    public static ConsentIndex Load(string path, SymbolTable symbols, long parallelFromPages = ParallelFromPages)
    {
        using RawReader first = RawReader.Open(path);
        long remembered = first.ScalarInt64(RememberedUsers);
        int expected = remembered >= 0 ? WithHeadroom(remembered) : EstimateUsers(first.ScalarInt64);
        var index = new ConsentIndex(expected);
        byte[]? split = first.ScalarInt64("PRAGMA page_count") < parallelFromPages
            ? null
            : UserKeys.Midpoint(
                first.ScalarBytes("SELECT user_id FROM state ORDER BY user_id LIMIT 1"),
                first.ScalarBytes("SELECT user_id FROM state ORDER BY user_id DESC LIMIT 1"));
        if (split is null)
        {
            var only = new ConsentIndex.Filler(index, expectedUsers: expected);
            LoadRange(first, only, symbols, $"{Columns} ORDER BY user_id", split: null);
            index.Complete(only);
            return index;
        }

        var lowerHalf = new ConsentIndex.Filler(index, expectedUsers: expected / 2);
        var upperHalf = new ConsentIndex.Filler(index, expectedUsers: expected / 2);
        Task upper = Task.Run(() =>
        {
            using RawReader second = RawReader.Open(path);
            LoadRange(second, upperHalf, symbols, $"{Columns} WHERE user_id >= ?1 ORDER BY user_id", split);
        });
        ExceptionDispatchInfo? failed = null;
        try
        {
            LoadRange(first, lowerHalf, symbols, $"{Columns} WHERE user_id < ?1 ORDER BY user_id", split);
        }
        catch (Exception ex)
        {
            failed = ExceptionDispatchInfo.Capture(ex);
        }

        // Always wait for the other half before returning or throwing: it uses the index and its own connection.
        try
        {
            upper.GetAwaiter().GetResult();
        }
        catch (Exception) when (failed is not null)
        {
        }

        failed?.Throw();
        Task publishUpper = Task.Run(upperHalf.Publish); // both halves into the table at once; Complete does the rest
        lowerHalf.Publish();
        publishUpper.GetAwaiter().GetResult();
        index.Complete(lowerHalf, upperHalf);
        return index;
    }

    /// <summary>Loads on an open connection (the writer's, after a migration or for a new store), on this thread.</summary>
    public static ConsentIndex Load(SqliteConnection connection, SymbolTable symbols)
    {
        var index = new ConsentIndex(EstimateUsers(sql => Sql.ScalarInt64(connection, sql)));
        var filler = new ConsentIndex.Filler(index);
        sqlite3 db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, $"{Columns} ORDER BY user_id", out sqlite3_stmt statement));
        using (statement)
        {
            Check(db, ReadRows(statement, filler, new Utf8SymbolCache(symbols)));
        }

        index.Complete(filler);
        return index;
    }

    /// <summary>Loads one person's rows only, on an open connection: the gate of a lookup of that person.</summary>
    public static ConsentIndex LoadUser(SqliteConnection connection, SymbolTable symbols, string userId)
    {
        var index = new ConsentIndex(1);
        var filler = new ConsentIndex.Filler(index, maxChunkLength: 64);
        sqlite3 db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, $"{Columns} WHERE user_id = ?1", out sqlite3_stmt statement));
        using (statement)
        {
            Check(db, raw.sqlite3_bind_text(statement, 1, userId));
            Check(db, ReadRows(statement, filler, new Utf8SymbolCache(symbols)));
        }

        index.Complete(filler);
        return index;
    }

    /// <summary>
    /// Remembers how many users the index holds, in <c>meta</c>, for the next open to size its index from: counting
    /// the rows of <c>state</c> instead costs a full pass over it (half a second for a million users) before the load
    /// can start. Written when the client closes, only when it is new or off by more than an eighth.
    /// </summary>
    public static void RememberUsers(SqliteConnection writer, int users)
    {
        long remembered = Sql.ScalarInt64(writer, RememberedUsers);
        if (remembered >= 0 && Math.Abs(remembered - users) <= users / 8)
        {
            return;
        }

        using SqliteCommand upsert = writer.CreateCommand();
        upsert.CommandText = $"INSERT INTO meta(key, value) VALUES ('{UsersKey}', $users) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        upsert.Parameters.AddWithValue("$users", users.ToString(System.Globalization.CultureInfo.InvariantCulture));
        upsert.ExecuteNonQuery();
    }

    /// <summary>
    /// The users in <c>state</c>, estimated from its row count and the users per row among its first rows (a count of
    /// distinct users would cost a second full scan), with headroom.
    /// </summary>
    private static int EstimateUsers(Func<string, long> scalar)
    {
        long rows = scalar("SELECT count(*) FROM state");
        long sampled = Math.Min(rows, UserSample);
        if (sampled == 0)
        {
            return 0;
        }

        long users = scalar($"SELECT count(DISTINCT user_id) FROM (SELECT user_id FROM state ORDER BY user_id LIMIT {UserSample})");
        return WithHeadroom((long)(rows * (double)users / sampled));
    }

    /// <summary>
    /// A tenth more than <paramref name="users"/>: the index is sized once and rarely has to make room for users beyond
    /// the estimate (it does so once the load is done).
    /// </summary>
    private static int WithHeadroom(long users) => (int)Math.Min((users * 1.1) + 16, int.MaxValue);

    private static void LoadRange(RawReader reader, ConsentIndex.Filler index, SymbolTable symbols, string sql, byte[]? split)
    {
        using sqlite3_stmt statement = reader.Prepare(sql);
        if (split is not null)
        {
            // As text: SQLite orders every blob after every text, so a blob bound here would select nothing.
            reader.Check(raw.sqlite3_bind_text(statement, 1, split));
        }

        reader.Check(ReadRows(statement, index, new Utf8SymbolCache(symbols)));
    }

    /// <summary>Steps <paramref name="statement"/> to the end, one index entry per row; returns SQLITE_OK or the error code.</summary>
    private static int ReadRows(sqlite3_stmt statement, ConsentIndex.Filler index, Utf8SymbolCache symbols)
    {
        var entries = new List<IndexEntry>(8);
        var user = new UserKeys.Current();
        var row = new RowColumns(statement);
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            if (user.Advance(row.Blob(0)) is { } finished)
            {
                index.Add(finished, CollectionsMarshal.AsSpan(entries));
                entries.Clear();
            }

            ReadOnlySpan<byte> id = row.Blob(3);
            if (id.Length != 16)
            {
                throw new CpmStoreException($"Corrupt state row: an id of {id.Length} bytes instead of 16.");
            }

            var eventId = new Guid(id, bigEndian: true);
            ReadOnlySpan<byte> purpose = row.Blob(1);
            entries.Add(purpose.IsEmpty && !row.Blob(2).IsEmpty
                ? IndexEntry.ForErasure(eventId, row.Int64(6))   // ('', '~'): erased and back since
                : purpose.IsEmpty
                ? IndexEntry.ForJurisdiction(   // ('', ''): the person's jurisdiction
                    eventId,
                    row.Int64(6),
                    (ConsentChoice)row.Int32(4),
                    symbols.Intern(row.Blob(9)))
                : new IndexEntry(
                    eventId,
                    row.Int64(6),
                    row.Int64(7),
                    symbols.Intern(purpose),
                    symbols.Intern(row.Blob(2)),
                    row.Int32(5),
                    (ConsentChoice)row.Int32(4),
                    row.Int32(8) != 0,
                    (ushort)row.Int32(10)));
        }

        if (user.Id is { } last)
        {
            index.Add(last, CollectionsMarshal.AsSpan(entries));
        }

        return rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new CpmStoreException($"Loading the gate index failed: {raw.sqlite3_errmsg(db).utf8_to_string()} (SQLite {rc}).");
        }
    }

    /// <summary>
    /// Purposes, channels and jurisdictions are few: resolve their UTF-8 bytes to symbols without a string per row, through
    /// a small cache addressed by length and end bytes (a collision only costs a lookup in the symbol table).
    /// </summary>
    private sealed class Utf8SymbolCache(SymbolTable symbols)
    {
        private readonly (byte[]? Utf8, int Symbol)[] _known = new (byte[]?, int)[64];

        public int Intern(ReadOnlySpan<byte> utf8)
        {
            ref (byte[]? Utf8, int Symbol) known = ref _known[utf8.IsEmpty ? 0 : ((utf8.Length * 7) + (utf8[0] * 31) + utf8[^1]) & 63];
            if (known.Utf8 is { } bytes && utf8.SequenceEqual(bytes))
            {
                return known.Symbol;
            }

            int interned = symbols.Intern(System.Text.Encoding.UTF8.GetString(utf8));
            known = (utf8.ToArray(), interned);
            return interned;
        }
    }
}
