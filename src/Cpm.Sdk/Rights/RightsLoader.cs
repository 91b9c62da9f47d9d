using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using SQLitePCL;

namespace Cpm.Sdk.Rights;

/// <summary>
/// Builds the alias index and the tombstones from the store at open, before the gate answers anything. A million people
/// may have two million aliases, so the rows are read straight from the statement on a read-only connection of their
/// own (aliases as UTF-8 spans copied into the <see cref="AliasTable"/>, no string per alias), the table is sized once
/// from the row count, each person's id is the gate index's own string instance, not a copy, and a large table is read
/// as two key ranges on two connections at once (the gate index is loaded by then, so both cores are free).
/// </summary>
internal static class RightsLoader
{
    /// <summary>The longest user id in UTF-16 code units (the same limit as <c>FieldRules</c>); a longer stored id is not shared.</summary>
    private const int MaxUserId = 256;

    /// <summary>From this many aliases on, two connections read half the aliases each (below, a second one would not pay off).</summary>
    private const long ParallelFromRows = 100_000;

    private const string Columns = "SELECT alias, CASE WHEN linked = 1 THEN user_id END, occurred_at, event_id FROM aliases";

    /// <summary>Reads <c>aliases</c> and <c>tombstones</c> from the store at <paramref name="path"/>, after the gate index is loaded.</summary>
    /// <param name="path">The store file (open, migrated: the writer holds it).</param>
    /// <param name="users">The gate index, whose user id instances the aliases share.</param>
    /// <param name="aliasKinds">The declared alias kinds; others are held (they order later events) but resolve to no one.</param>
    /// <param name="parallelFromRows">From this many aliases on, two connections read half the aliases each.</param>
    public static (AliasIndex Aliases, Tombstones Tombstones) Load(
        string path, ConsentIndex users, IEnumerable<string> aliasKinds, long parallelFromRows = ParallelFromRows)
    {
        using RawReader reader = RawReader.Open(path);
        AliasTable aliases = LoadAliases(path, reader, users, parallelFromRows);
        return (new AliasIndex(aliasKinds, aliases), LoadTombstones(reader));
    }

    private static AliasTable LoadAliases(string path, RawReader first, ConsentIndex users, long parallelFromRows)
    {
        long rows = Scalar(first, "SELECT count(*) FROM aliases");
        var table = new AliasTable.Builder((int)Math.Min(rows, int.MaxValue));
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? split = rows < parallelFromRows
            ? null
            : UserKeys.Midpoint(Bytes(first, "SELECT alias FROM aliases ORDER BY alias LIMIT 1"), Bytes(first, "SELECT alias FROM aliases ORDER BY alias DESC LIMIT 1"));
        if (split is null)
        {
            LoadRange(first, table, users, others, $"{Columns}", split: null);
            return table.Build();
        }

        Task upper = Task.Run(() =>
        {
            using RawReader second = RawReader.Open(path);
            LoadRange(second, table, users, others, $"{Columns} WHERE alias >= ?1", split);
        });
        ExceptionDispatchInfo? failed = null;
        try
        {
            LoadRange(first, table, users, others, $"{Columns} WHERE alias < ?1", split);
        }
        catch (Exception ex)
        {
            failed = ExceptionDispatchInfo.Capture(ex);
        }

        // Always wait for the other half before returning or throwing: it fills the same table.
        try
        {
            upper.GetAwaiter().GetResult();
        }
        catch (Exception) when (failed is not null)
        {
        }

        failed?.Throw();
        return table.Build();
    }

    private static void LoadRange(RawReader reader, AliasTable.Builder table, ConsentIndex users, Dictionary<string, string> others, string sql, byte[]? split)
    {
        using sqlite3_stmt statement = Prepare(reader, sql);
        if (split is not null)
        {
            // As text: SQLite orders every blob after every text, so a blob bound here would select nothing.
            Check(reader, raw.sqlite3_bind_text(statement, 1, split));
        }

        AliasTable.Builder.Writer writer = table.NewWriter();
        var row = new RowColumns(statement);
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            string? user = row.IsNull(1) ? null : UserOf(row.Blob(1), users, others);
            writer.Add(row.Blob(0), user, row.Int64(2), row.Blob(3));
        }

        Check(reader, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        writer.Finish();
    }

    /// <summary>The person's id as the gate index holds it, else one instance per person among the others (people with aliases and no effective record).</summary>
    [SkipLocalsInit]
    private static string UserOf(ReadOnlySpan<byte> utf8, ConsentIndex users, Dictionary<string, string> others)
    {
        if (utf8.Length > MaxUserId * 3)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> buffer = stackalloc char[MaxUserId * 3];
        ReadOnlySpan<char> id = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (users.SharedId(id) is { } shared)
        {
            return shared;
        }

        lock (others)
        {
            Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup = others.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(id, out string? known))
            {
                known = id.ToString();
                others.Add(known, known);
            }

            return known;
        }
    }

    private static Tombstones LoadTombstones(RawReader reader)
    {
        var tombstones = new Tombstones();
        using sqlite3_stmt statement = Prepare(reader, "SELECT subject_hash, event_id, erased_at FROM tombstones");
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            ReadOnlySpan<byte> id = raw.sqlite3_column_blob(statement, 1);
            if (id.Length != 16)
            {
                throw new CpmStoreException($"Corrupt tombstones row: an event id of {id.Length} bytes instead of 16.");
            }

            if (SubjectKey.FromBase64(raw.sqlite3_column_text(statement, 0).utf8_to_string()) is { } key)
            {
                tombstones.Add(key, new Tombstone(new Guid(id, bigEndian: true), raw.sqlite3_column_int64(statement, 2)));
            }
        }

        Check(reader, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        return tombstones;
    }

    private static byte[]? Bytes(RawReader reader, string sql)
    {
        using sqlite3_stmt statement = Prepare(reader, sql);
        int rc = raw.sqlite3_step(statement);
        Check(reader, rc is raw.SQLITE_ROW or raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        return rc == raw.SQLITE_ROW ? raw.sqlite3_column_blob(statement, 0).ToArray() : null;
    }

    private static long Scalar(RawReader reader, string sql)
    {
        using sqlite3_stmt statement = Prepare(reader, sql);
        int rc = raw.sqlite3_step(statement);
        Check(reader, rc == raw.SQLITE_ROW ? raw.SQLITE_OK : rc);
        return raw.sqlite3_column_int64(statement, 0);
    }

    private static sqlite3_stmt Prepare(RawReader reader, string sql)
    {
        Check(reader, raw.sqlite3_prepare_v2(reader.Db, sql, out sqlite3_stmt statement));
        return statement;
    }

    private static void Check(RawReader reader, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new CpmStoreException($"Loading the aliases and erasures failed: {raw.sqlite3_errmsg(reader.Db).utf8_to_string()} (SQLite {rc}).");
        }
    }
}
