using System.Runtime.CompilerServices;
using System.Text;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using SQLitePCL;

namespace Cpm.Sdk.Rights;

/// <summary>
/// Builds the alias index and the tombstones from the store at open, before the gate answers anything. A million people
/// may have two million aliases, so the rows are read straight from the statement on a read-only connection of their
/// own (aliases as UTF-8 spans copied into the <see cref="AliasTable"/>, no string per alias), the table is sized once
/// from the row count, and each person's id is the gate index's own string instance, not a copy.
/// </summary>
internal static class RightsLoader
{
    /// <summary>The longest user id in UTF-16 code units (the same limit as <c>FieldRules</c>); a longer stored id is not shared.</summary>
    private const int MaxUserId = 256;

    /// <summary>Reads <c>aliases</c> and <c>tombstones</c> from the store at <paramref name="path"/>, after the gate index is loaded.</summary>
    /// <param name="path">The store file (open, migrated: the writer holds it).</param>
    /// <param name="users">The gate index, whose user id instances the aliases share.</param>
    /// <param name="aliasKinds">The declared alias kinds; others are held (they order later events) but resolve to no one.</param>
    public static (AliasIndex Aliases, Tombstones Tombstones) Load(string path, ConsentIndex users, IEnumerable<string> aliasKinds)
    {
        using RawReader reader = RawReader.Open(path);
        AliasTable aliases = LoadAliases(reader, users);
        return (new AliasIndex(aliasKinds, aliases), LoadTombstones(reader));
    }

    private static AliasTable LoadAliases(RawReader reader, ConsentIndex users)
    {
        var table = new AliasTable.Builder((int)Scalar(reader, "SELECT count(*) FROM aliases"));
        var others = new Dictionary<string, string>(StringComparer.Ordinal);   // people with aliases and no effective record
        using sqlite3_stmt statement = Prepare(reader, "SELECT alias, CASE WHEN linked = 1 THEN user_id END, occurred_at, event_id FROM aliases");
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            string? user = raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL
                ? null
                : UserOf(raw.sqlite3_column_blob(statement, 1), users, others);
            table.Add(raw.sqlite3_column_blob(statement, 0), user, raw.sqlite3_column_int64(statement, 2), raw.sqlite3_column_blob(statement, 3));
        }

        Check(reader, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        return table.Build();
    }

    /// <summary>The person's id as the gate index holds it, else one instance per person among the others.</summary>
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

        Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup = others.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(id, out string? known))
        {
            known = id.ToString();
            others.Add(known, known);
        }

        return known;
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
