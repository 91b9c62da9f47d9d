using Cpm.Sdk.Audit;
using Cpm.Sdk.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// What an erasure does to the store, inside the writer's transaction: find the person from the hash of their id,
/// scrub their earlier events (user id, evidence, alias and salt replaced by the commitments of each leaf, so the
/// audit log stays valid), and delete their effective records, aliases and parked events. Erasures are rare, so the
/// statements are prepared per erasure.
/// </summary>
internal sealed class ErasureCommands(EventCommands commands)
{
    private readonly sqlite3 _db = commands.Handle;

    /// <summary>
    /// Makes SQLite overwrite what the erasure deletes (<c>PRAGMA secure_delete</c>) instead of leaving it in free space,
    /// from now until <paramref name="on"/> is <see langword="false"/> again; only erasures pay for it.
    /// </summary>
    public void SecureDelete(bool on) => Run(on ? "PRAGMA secure_delete = 1" : "PRAGMA secure_delete = 0", _ => { }, null);

    /// <summary>The user id whose hash is <paramref name="subjectHash"/>, if any event of theirs is held.</summary>
    public string? UserOf(byte[] subjectHash)
    {
        string? user = null;
        Run("SELECT user_id FROM subjects WHERE subject_hash = ?1", s => raw.sqlite3_bind_blob(s, 1, subjectHash), s => user = raw.sqlite3_column_text(s, 0).utf8_to_string());
        return user;
    }

    /// <summary>Scrubs every event of <paramref name="userId"/> that occurred at or before <paramref name="erasedAtMs"/>.</summary>
    /// <returns>How many events were scrubbed, and how many of them held evidence.</returns>
    public (int Events, int Evidence) ScrubEvents(string userId, long erasedAtMs)
    {
        var rows = new List<(long Seq, string? Evidence, string? Alias, byte[]? Salt)>();
        Run(
            "SELECT seq, evidence, alias, salt FROM events WHERE user_id = ?1 AND occurred_at <= ?2 AND scrubbed = 0",
            s => { raw.sqlite3_bind_text(s, 1, userId); raw.sqlite3_bind_int64(s, 2, erasedAtMs); },
            s => rows.Add((
                raw.sqlite3_column_int64(s, 0),
                Text(s, 1),
                Text(s, 2),
                raw.sqlite3_column_type(s, 3) == raw.SQLITE_NULL ? null : raw.sqlite3_column_blob(s, 3).ToArray())));
        int evidence = 0;
        Check(raw.sqlite3_prepare_v2(_db, """
            UPDATE events SET user_id = '', evidence = NULL, alias = NULL, salt = NULL, scrubbed = 1,
                subject_commitment = ?2, evidence_commitment = ?3, alias_commitment = ?4
            WHERE seq = ?1
            """, out sqlite3_stmt update));
        using (update)
        {
            foreach ((long seq, string? evidenceJson, string? alias, byte[]? salt) in rows)
            {
                IReadOnlyDictionary<string, string>? map = EvidenceJson.Deserialize(evidenceJson);
                evidence += map is null ? 0 : 1;

                // A row without a salt has no commitments to keep (it cannot be verified anyway): its fields still go.
                Commitments? kept = salt is null ? null : Commitments.Of(salt, userId, map, alias);
                raw.sqlite3_bind_int64(update, 1, seq);
                Bind(update, 2, kept?.Subject);
                Bind(update, 3, kept?.Evidence);
                Bind(update, 4, kept?.Alias);
                int rc = raw.sqlite3_step(update);
                raw.sqlite3_reset(update);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc);
                }
            }
        }

        return (rows.Count, evidence);
    }

    /// <summary>Deletes the person's effective records that occurred at or before the erasure; returns whether any of theirs remain.</summary>
    public bool DeleteStateBefore(string userId, long erasedAtMs)
    {
        Run("DELETE FROM state WHERE user_id = ?1 AND occurred_at <= ?2", s => { raw.sqlite3_bind_text(s, 1, userId); raw.sqlite3_bind_int64(s, 2, erasedAtMs); }, null);
        bool remain = false;
        Run("SELECT 1 FROM state WHERE user_id = ?1 AND purpose <> '' LIMIT 1", s => raw.sqlite3_bind_text(s, 1, userId), _ => remain = true);
        return remain;
    }

    /// <summary>Deletes the person's counted sends (the send guard's ledger): the counts name them.</summary>
    public void DeleteSends(string userId) =>
        Run("DELETE FROM send_ledger WHERE user_id = ?1", s => raw.sqlite3_bind_text(s, 1, userId), null);

    /// <summary>Deletes the aliases that the person's events decided at or before the erasure; returns them.</summary>
    public List<string> DeleteAliasesBefore(string userId, long erasedAtMs)
    {
        var aliases = new List<string>();
        Action<sqlite3_stmt> bind = s => { raw.sqlite3_bind_text(s, 1, userId); raw.sqlite3_bind_int64(s, 2, erasedAtMs); };
        Run("SELECT alias FROM aliases WHERE user_id = ?1 AND occurred_at <= ?2", bind, s => aliases.Add(Text(s, 0)!));
        Run("DELETE FROM aliases WHERE user_id = ?1 AND occurred_at <= ?2", bind, null);
        return aliases;
    }

    /// <summary>Forgets the hash-to-id row once no event names the person; deletes parked events that name them.</summary>
    public void Forget(byte[] subjectHash, string userId)
    {
        Run(
            "DELETE FROM subjects WHERE subject_hash = ?1 AND NOT EXISTS (SELECT 1 FROM events WHERE user_id = ?2)",
            s => { raw.sqlite3_bind_blob(s, 1, subjectHash); raw.sqlite3_bind_text(s, 2, userId); },
            null);
        Run(
            "DELETE FROM parked_events WHERE json_valid(body) AND json_extract(body, '$.userId') = ?1",
            s => raw.sqlite3_bind_text(s, 1, userId),
            null);
    }

    private static string? Text(sqlite3_stmt s, int column) =>
        raw.sqlite3_column_type(s, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(s, column).utf8_to_string();

    private static void Bind(sqlite3_stmt s, int index, string? value) =>
        _ = value is null ? raw.sqlite3_bind_null(s, index) : raw.sqlite3_bind_text(s, index, value);

    private void Run(string sql, Action<sqlite3_stmt> bind, Action<sqlite3_stmt>? row)
    {
        int rc = raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt statement);
        using (statement)
        {
            Check(rc);
            bind(statement);
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                row?.Invoke(statement);
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}
