using System.Text.Json;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// What an erasure does to the server, inside the writer's transaction (schema version 3). The tombstone keeps the
/// subject hash of the person and the latest erasure time, nothing more. Every event of theirs that occurred at or
/// before it is rewritten in its scrubbed form (<c>AuditLeaf.Scrub</c>): user id, evidence, alias and salt give way
/// to the commitments its leaf holds, so its sequence number, its leaf, the log and every proof stay as they were.
/// Events are found by <c>events.subject_hash</c>, filled at insert, so no stored user id is ever hashed again.
/// </summary>
internal sealed class Erasures(SqliteConnection writer)
{
    public const string CreateTombstones = """
        CREATE TABLE tombstones(
            subject_hash TEXT PRIMARY KEY,
            erased_at INTEGER NOT NULL) WITHOUT ROWID
        """;

    // Only events that name their person in clear have a subject hash: scrubbed rows drop theirs.
    public const string CreateSubjectIndex =
        "CREATE INDEX events_by_subject ON events(subject_hash, occurred_at) WHERE subject_hash IS NOT NULL";

    // Whether any tombstone may exist: a server that never stored an erasure looks nothing up per event. Set before the
    // commit, so a rolled-back erasure only costs lookups that find nothing.
    private bool _any = Sql.ScalarInt64(writer, "SELECT EXISTS(SELECT 1 FROM tombstones)") == 1;

    /// <summary>
    /// The row as it must be stored: in its scrubbed form when its person was erased at or after the time it
    /// occurred, whenever it arrives, so a stale event never brings their data back; as it is otherwise (an event
    /// after the erasure is the person coming back).
    /// </summary>
    public EventRow OnArrival(EventRow row) =>
        _any && row.SubjectHash is { } subject && ErasedAt(subject) is { } erasedAt && row.OccurredAt <= erasedAt ? row.Scrubbed() : row;

    /// <summary>Applies a stored erasure: the tombstone keeps the latest erasure time, and every earlier event is scrubbed.</summary>
    /// <returns>How many stored events were scrubbed.</returns>
    /// <exception cref="InvalidOperationException">A scrubbed form would not keep its stored leaf: the database is damaged.</exception>
    public int Apply(string subjectHash, long erasedAt)
    {
        _any = true;
        using (SqliteCommand tombstone = Command("""
            INSERT INTO tombstones(subject_hash, erased_at) VALUES ($subject, $erased)
            ON CONFLICT(subject_hash) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)
            """, subjectHash, erasedAt))
        {
            tombstone.ExecuteNonQuery();
        }

        List<(long Sequence, string Body)> events = Earlier(subjectHash, erasedAt);
        foreach ((long sequence, string body) in events)
        {
            WireEvent scrubbed = AuditLeaf.Scrub(JsonSerializer.Deserialize(body, ProtocolJson.WireEvent)!);
            if (!AuditLeaf.Hash(scrubbed).AsSpan().SequenceEqual(StoredLeaf(sequence)))
            {
                throw new InvalidOperationException(
                    $"Event {sequence} does not hash to its stored leaf, so it cannot be scrubbed in place; the database is damaged and the erasure was not stored.");
            }

            using SqliteCommand update = writer.CreateCommand();
            update.CommandText = "UPDATE events SET user_id = '', subject_hash = NULL, body = $body WHERE seq = $seq";
            update.Parameters.AddWithValue("$body", JsonSerializer.Serialize(scrubbed, ProtocolJson.WireEvent));
            update.Parameters.AddWithValue("$seq", sequence);
            update.ExecuteNonQuery();
        }

        return events.Count;
    }

    /// <summary>
    /// After an erasure commits: copies the write-ahead log into the file and truncates it, so the earlier copies of the
    /// scrubbed pages leave the disk now rather than at some later checkpoint (secure delete has zeroed what the rows
    /// no longer hold). It never waits: a reader in the middle of a read holds it back, and a later checkpoint finishes.
    /// </summary>
    public void TruncateWriteAheadLog()
    {
        try
        {
            Sql.Execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // The erasure is committed either way; the automatic checkpoints write the pages back later.
        }
    }

    private long? ErasedAt(string subjectHash)
    {
        using SqliteCommand command = Command("SELECT erased_at FROM tombstones WHERE subject_hash = $subject", subjectHash, null);
        return command.ExecuteScalar() is long erasedAt ? erasedAt : null;
    }

    /// <summary>The person's events that still name them and occurred at or before the erasure (read before any is rewritten).</summary>
    private List<(long Sequence, string Body)> Earlier(string subjectHash, long erasedAt)
    {
        using SqliteCommand command = Command(
            "SELECT seq, body FROM events WHERE subject_hash = $subject AND occurred_at <= $erased ORDER BY seq", subjectHash, erasedAt);
        using SqliteDataReader reader = command.ExecuteReader();
        var events = new List<(long, string)>();
        while (reader.Read())
        {
            events.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return events;
    }

    private byte[] StoredLeaf(long sequence)
    {
        using MerkleNodes.NodeReader nodes = MerkleNodes.Reader(writer);
        return nodes.Subtree(0, sequence - 1);
    }

    private SqliteCommand Command(string sql, string subjectHash, long? erasedAt)
    {
        SqliteCommand command = writer.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$subject", subjectHash);
        if (erasedAt is { } time)
        {
            command.Parameters.AddWithValue("$erased", time);
        }

        return command;
    }
}
