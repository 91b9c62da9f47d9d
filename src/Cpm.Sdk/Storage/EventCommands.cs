using Microsoft.Data.Sqlite;
using SQLitePCL;
using static Cpm.Sdk.Storage.PreparedStatements;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The writer's prepared statements: insert event, upsert state, enqueue and remove outbox entries, dead letters,
/// sync state. Parameterised only. Every record of every batch runs through here, so the statements are driven
/// directly on the SQLite handle (bound from spans, no per-call parameter objects) inside the ADO.NET transaction.
/// </summary>
internal sealed class EventCommands : IDisposable
{
    private readonly PreparedStatements _statements;
    private readonly sqlite3_stmt _insertEvent;
    private readonly sqlite3_stmt _upsertState;
    private readonly sqlite3_stmt _upsertJurisdiction;
    private readonly sqlite3_stmt _insertOutbox;
    private readonly sqlite3_stmt _deleteOutbox;
    private readonly sqlite3_stmt _insertDeadLetter;
    private readonly sqlite3_stmt _setSyncState;
    private readonly sqlite3_stmt _deleteDeadLetter;
    private readonly sqlite3_stmt _insertParked;
    private readonly sqlite3_stmt _deleteParked;
    private readonly sqlite3_stmt _insertNode;
    private readonly sqlite3_stmt _insertCheckpoint;
    private readonly sqlite3_stmt _insertSubject;
    private readonly sqlite3_stmt _upsertAlias;
    private readonly sqlite3_stmt _upsertTombstone;
    private readonly sqlite3_stmt _upsertErasureMark;

    public EventCommands(SqliteConnection connection)
    {
        _statements = new PreparedStatements(connection.Handle ?? throw new InvalidOperationException("The writer connection is not open."));
        _insertEvent = _statements.Prepare("""
            INSERT OR IGNORE INTO events(id, user_id, purpose, channel, choice, policy_version, source, occurred_at,
                                         expires_at, jurisdiction, evidence, recorded_at, origin, salt, hash, prev_hash, separate,
                                         kind, alias, subject_hash, scrubbed, subject_commitment, evidence_commitment, alias_commitment,
                                         frequency_max, frequency_period)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)
            """);
        _insertSubject = _statements.Prepare("INSERT OR IGNORE INTO subjects(subject_hash, user_id) VALUES (?1, ?2)");
        _upsertAlias = _statements.Prepare("""
            INSERT INTO aliases(alias, user_id, linked, event_id, occurred_at) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(alias) DO UPDATE SET
                user_id = excluded.user_id, linked = excluded.linked, event_id = excluded.event_id, occurred_at = excluded.occurred_at
            """);
        _upsertTombstone = _statements.Prepare("""
            INSERT INTO tombstones(subject_hash, event_id, erased_at) VALUES (?1, ?2, ?3)
            ON CONFLICT(subject_hash) DO UPDATE SET event_id = excluded.event_id, erased_at = excluded.erased_at
            WHERE excluded.erased_at > erased_at
            """);
        // A person erased and back since: a state row at the reserved key ('', '~') holds the erasure that came before.
        _upsertErasureMark = _statements.Prepare("""
            INSERT INTO state(user_id, purpose, channel, event_id, choice, policy_version, occurred_at)
            VALUES (?1, '', '~', ?2, 2, 0, ?3)
            ON CONFLICT(user_id, purpose, channel) DO UPDATE SET event_id = excluded.event_id, occurred_at = excluded.occurred_at
            """);
        _upsertState = _statements.Prepare("""
            INSERT INTO state(user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at, separate, frequency)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT(user_id, purpose, channel) DO UPDATE SET
                event_id = excluded.event_id, choice = excluded.choice, policy_version = excluded.policy_version,
                occurred_at = excluded.occurred_at, expires_at = excluded.expires_at, separate = excluded.separate,
                frequency = excluded.frequency
            """);
        // The person's jurisdiction: a state row at the reserved key ('', '') that no purpose or channel id can take.
        _upsertJurisdiction = _statements.Prepare("""
            INSERT INTO state(user_id, purpose, channel, event_id, choice, policy_version, occurred_at, jurisdiction)
            VALUES (?1, '', '', ?2, ?3, 0, ?4, ?5)
            ON CONFLICT(user_id, purpose, channel) DO UPDATE SET
                event_id = excluded.event_id, choice = excluded.choice, occurred_at = excluded.occurred_at,
                jurisdiction = excluded.jurisdiction
            """);
        _insertOutbox = _statements.Prepare("INSERT OR IGNORE INTO outbox(event_id, enqueued_at) VALUES (?1, ?2)");
        _deleteOutbox = _statements.Prepare("DELETE FROM outbox WHERE event_id = ?1");
        _insertDeadLetter = _statements.Prepare("INSERT OR IGNORE INTO dead_letters(event_id, reason, failed_at) VALUES (?1, ?2, ?3)");
        // Saving the value already stored changes no row, so a batch of such saves is rolled back, not committed.
        _setSyncState = _statements.Prepare("""
            INSERT INTO sync_state(key, value) VALUES (?1, ?2)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value
            """);
        _deleteDeadLetter = _statements.Prepare("DELETE FROM dead_letters WHERE event_id = ?1");
        _insertParked = _statements.Prepare("INSERT OR IGNORE INTO parked_events(id, body, reason, parked_at) VALUES (?1, ?2, ?3, ?4)");
        _deleteParked = _statements.Prepare("DELETE FROM parked_events WHERE seq = ?1");
        _insertNode = _statements.Prepare("INSERT INTO merkle_nodes(level, idx, hash) VALUES (?1, ?2, ?3)");
        _insertCheckpoint = _statements.Prepare("INSERT OR REPLACE INTO checkpoints(size, root, created_at) VALUES (?1, ?2, ?3)");
    }

    /// <summary>Rows changed on this connection since it opened: equal before and after a batch that changed nothing.</summary>
    public long TotalChanges => raw.sqlite3_total_changes(_statements.Handle);

    /// <summary>
    /// Appends the event with its salt, its leaf hash and the previous row's leaf hash (the audit log's chain); returns
    /// <see langword="false"/> when an event with its id is already stored. The leaf hash is <see langword="null"/> only
    /// in the benchmarks' baseline without the audit log.
    /// </summary>
    public bool InsertEvent(StoredEvent stored, ConsentRecord record, byte[]? leafHash, byte[]? previousLeaf)
    {
        sqlite3_stmt s = _insertEvent;
        BindId(s, 1, record.Id);
        raw.sqlite3_bind_text(s, 2, record.UserId);
        raw.sqlite3_bind_text(s, 3, record.Purpose);
        raw.sqlite3_bind_text(s, 4, record.Channel);
        raw.sqlite3_bind_int(s, 5, (int)record.Choice);
        raw.sqlite3_bind_int(s, 6, record.PolicyVersion);
        raw.sqlite3_bind_text(s, 7, record.Source);
        raw.sqlite3_bind_int64(s, 8, record.OccurredAt.ToUnixTimeMilliseconds());
        BindOptional(s, 9, record.ExpiresAt);
        BindOptional(s, 10, record.Jurisdiction);
        BindOptional(s, 11, stored.EvidenceJson);
        raw.sqlite3_bind_int64(s, 12, record.RecordedAt.ToUnixTimeMilliseconds());
        raw.sqlite3_bind_text(s, 13, record.Origin);
        _ = stored.Salt is null ? raw.sqlite3_bind_null(s, 14) : raw.sqlite3_bind_blob(s, 14, stored.Salt);
        _ = leafHash is null ? raw.sqlite3_bind_null(s, 15) : raw.sqlite3_bind_blob(s, 15, leafHash);
        _ = previousLeaf is null ? raw.sqlite3_bind_null(s, 16) : raw.sqlite3_bind_blob(s, 16, previousLeaf);
        raw.sqlite3_bind_int(s, 17, record.Separate ? 1 : 0);
        raw.sqlite3_bind_text(s, 18, RecordReader.KindText(record.Kind));
        BindOptional(s, 19, record.Alias);
        BindOptional(s, 20, stored.SubjectHash);
        raw.sqlite3_bind_int(s, 21, stored.Scrubbed is null ? 0 : 1);
        BindOptional(s, 22, stored.Scrubbed?.Subject);
        BindOptional(s, 23, stored.Scrubbed?.Evidence);
        BindOptional(s, 24, stored.Scrubbed?.Alias);
        if (record.Frequency is { } frequency)
        {
            raw.sqlite3_bind_int(s, 25, frequency.MaxSends);
            raw.sqlite3_bind_text(s, 26, RecordReader.PeriodText(frequency.Period));
        }
        else
        {
            raw.sqlite3_bind_null(s, 25);
            raw.sqlite3_bind_null(s, 26);
        }

        return _statements.Execute(s) == 1;
    }

    /// <summary>Keeps the hash of a person's id beside the id, so an erasure that carries only the hash finds them.</summary>
    public void InsertSubject(byte[] subjectHash, string userId)
    {
        raw.sqlite3_bind_blob(_insertSubject, 1, subjectHash);
        raw.sqlite3_bind_text(_insertSubject, 2, userId);
        _statements.Execute(_insertSubject);
    }

    /// <summary>Makes <paramref name="record"/>, a link or unlink, the event that decides its alias.</summary>
    public void UpsertAlias(ConsentRecord record)
    {
        sqlite3_stmt s = _upsertAlias;
        raw.sqlite3_bind_text(s, 1, record.Alias!);
        BindOptional(s, 2, record.UserId.Length == 0 ? null : record.UserId);
        raw.sqlite3_bind_int(s, 3, record.Kind == EventKind.Link ? 1 : 0);
        BindId(s, 4, record.Id);
        raw.sqlite3_bind_int64(s, 5, record.OccurredAt.ToUnixTimeMilliseconds());
        _statements.Execute(s);
    }

    /// <summary>Keeps an erasure's tombstone, unless a later erasure of the same person is kept already.</summary>
    public void UpsertTombstone(string subjectHash, Guid eventId, long erasedAtMs)
    {
        raw.sqlite3_bind_text(_upsertTombstone, 1, subjectHash);
        BindId(_upsertTombstone, 2, eventId);
        raw.sqlite3_bind_int64(_upsertTombstone, 3, erasedAtMs);
        _statements.Execute(_upsertTombstone);
    }

    /// <summary>Marks a person who came back after an erasure: their state rows all occurred after it.</summary>
    public void UpsertErasureMark(string userId, Guid eventId, long erasedAtMs)
    {
        raw.sqlite3_bind_text(_upsertErasureMark, 1, userId);
        BindId(_upsertErasureMark, 2, eventId);
        raw.sqlite3_bind_int64(_upsertErasureMark, 3, erasedAtMs);
        _statements.Execute(_upsertErasureMark);
    }

    /// <summary>The writer connection's handle, for the rare statements of an erasure (<see cref="ErasureCommands"/>).</summary>
    public sqlite3 Handle => _statements.Handle;

    public void UpsertState(ConsentRecord record)
    {
        sqlite3_stmt s = _upsertState;
        raw.sqlite3_bind_text(s, 1, record.UserId);
        raw.sqlite3_bind_text(s, 2, record.Purpose);
        raw.sqlite3_bind_text(s, 3, record.Channel);
        BindId(s, 4, record.Id);
        raw.sqlite3_bind_int(s, 5, (int)record.Choice);
        raw.sqlite3_bind_int(s, 6, record.PolicyVersion);
        raw.sqlite3_bind_int64(s, 7, record.OccurredAt.ToUnixTimeMilliseconds());
        BindOptional(s, 8, record.ExpiresAt);
        raw.sqlite3_bind_int(s, 9, record.Separate ? 1 : 0);
        raw.sqlite3_bind_int(s, 10, record.Frequency?.Pack() ?? 0);
        _statements.Execute(s);
    }

    /// <summary>Makes <paramref name="record"/>, which carries a jurisdiction, the one that sets its person's.</summary>
    public void UpsertJurisdiction(ConsentRecord record)
    {
        sqlite3_stmt s = _upsertJurisdiction;
        raw.sqlite3_bind_text(s, 1, record.UserId);
        BindId(s, 2, record.Id);
        raw.sqlite3_bind_int(s, 3, (int)record.Choice);
        raw.sqlite3_bind_int64(s, 4, record.OccurredAt.ToUnixTimeMilliseconds());
        raw.sqlite3_bind_text(s, 5, record.Jurisdiction!);
        _statements.Execute(s);
    }

    /// <summary>Queues an event for delivery; returns 1 when it was not queued already.</summary>
    public int EnqueueOutbox(Guid id, long nowMs)
    {
        BindId(_insertOutbox, 1, id);
        raw.sqlite3_bind_int64(_insertOutbox, 2, nowMs);
        return _statements.Execute(_insertOutbox);
    }

    /// <summary>Removes an event from the outbox; returns how many rows went (0 or 1).</summary>
    public int DeleteOutbox(Guid id)
    {
        BindId(_deleteOutbox, 1, id);
        return _statements.Execute(_deleteOutbox);
    }

    /// <summary>Records a rejected event; returns 1 when it is newly dead-lettered.</summary>
    public int InsertDeadLetter(Guid id, string reason, long nowMs)
    {
        BindId(_insertDeadLetter, 1, id);
        raw.sqlite3_bind_text(_insertDeadLetter, 2, reason);
        raw.sqlite3_bind_int64(_insertDeadLetter, 3, nowMs);
        return _statements.Execute(_insertDeadLetter);
    }

    /// <summary>Takes an event out of the dead letters; returns 1 when it was there.</summary>
    public int DeleteDeadLetter(Guid id)
    {
        BindId(_deleteDeadLetter, 1, id);
        return _statements.Execute(_deleteDeadLetter);
    }

    /// <summary>Parks a pulled event that cannot be merged; returns 1 when it is newly parked (an id is parked once).</summary>
    public int InsertParked(string? id, string body, string reason, long nowMs)
    {
        BindOptional(_insertParked, 1, id);
        raw.sqlite3_bind_text(_insertParked, 2, body);
        raw.sqlite3_bind_text(_insertParked, 3, reason);
        raw.sqlite3_bind_int64(_insertParked, 4, nowMs);
        return _statements.Execute(_insertParked);
    }

    /// <summary>Removes a parked event; returns 1 when it was there.</summary>
    public int DeleteParked(long seq)
    {
        raw.sqlite3_bind_int64(_deleteParked, 1, seq);
        return _statements.Execute(_deleteParked);
    }

    /// <summary>Stores a complete subtree of the audit log.</summary>
    public void InsertNode(int level, long index, byte[] hash)
    {
        raw.sqlite3_bind_int(_insertNode, 1, level);
        raw.sqlite3_bind_int64(_insertNode, 2, index);
        raw.sqlite3_bind_blob(_insertNode, 3, hash);
        _statements.Execute(_insertNode);
    }

    /// <summary>Keeps a checkpoint of the audit log.</summary>
    public void InsertCheckpoint(long size, byte[] root, long nowMs)
    {
        raw.sqlite3_bind_int64(_insertCheckpoint, 1, size);
        raw.sqlite3_bind_blob(_insertCheckpoint, 2, root);
        raw.sqlite3_bind_int64(_insertCheckpoint, 3, nowMs);
        _statements.Execute(_insertCheckpoint);
    }

    public void SetSyncState(string key, string? value)
    {
        raw.sqlite3_bind_text(_setSyncState, 1, key);
        BindOptional(_setSyncState, 2, value);
        _statements.Execute(_setSyncState);
    }

    public void Dispose() => _statements.Dispose();

    private static void BindOptional(sqlite3_stmt statement, int index, DateTimeOffset? value)
    {
        _ = value is { } v ? raw.sqlite3_bind_int64(statement, index, v.ToUnixTimeMilliseconds()) : raw.sqlite3_bind_null(statement, index);
    }

    private static void BindOptional(sqlite3_stmt statement, int index, string? value)
    {
        _ = value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value);
    }
}
