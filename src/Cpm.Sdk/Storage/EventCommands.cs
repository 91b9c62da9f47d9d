using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>The writer's prepared statements: insert event, upsert state, enqueue outbox. Parameterised only.</summary>
internal sealed class EventCommands : IDisposable
{
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertState;
    private readonly SqliteCommand _insertOutbox;
    private readonly SqliteCommand _deleteOutbox;
    private readonly SqliteCommand _insertDeadLetter;
    private readonly SqliteCommand _setSyncState;

    public EventCommands(SqliteConnection connection)
    {
        _insertEvent = Create(
            connection,
            """
            INSERT OR IGNORE INTO events(id, user_id, purpose, channel, choice, policy_version, source, occurred_at,
                                         expires_at, jurisdiction, evidence, recorded_at, origin)
            VALUES ($id, $user, $purpose, $channel, $choice, $policy, $source, $occurred, $expires, $jurisdiction,
                    $evidence, $recorded, $origin)
            """,
            "$id", "$user", "$purpose", "$channel", "$choice", "$policy", "$source", "$occurred", "$expires",
            "$jurisdiction", "$evidence", "$recorded", "$origin");
        _upsertState = Create(
            connection,
            """
            INSERT INTO state(user_id, purpose, channel, event_id, choice, policy_version, occurred_at, expires_at)
            VALUES ($user, $purpose, $channel, $id, $choice, $policy, $occurred, $expires)
            ON CONFLICT(user_id, purpose, channel) DO UPDATE SET
                event_id = excluded.event_id, choice = excluded.choice, policy_version = excluded.policy_version,
                occurred_at = excluded.occurred_at, expires_at = excluded.expires_at
            """,
            "$user", "$purpose", "$channel", "$id", "$choice", "$policy", "$occurred", "$expires");
        _insertOutbox = Create(
            connection,
            "INSERT OR IGNORE INTO outbox(event_id, enqueued_at) VALUES ($id, $now)",
            "$id", "$now");
        _deleteOutbox = Create(connection, "DELETE FROM outbox WHERE event_id = $id", "$id");
        _insertDeadLetter = Create(
            connection,
            "INSERT OR IGNORE INTO dead_letters(event_id, reason, failed_at) VALUES ($id, $reason, $now)",
            "$id", "$reason", "$now");
        _setSyncState = Create(
            connection,
            "INSERT INTO sync_state(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            "$key", "$value");
    }

    /// <summary>Appends the event; returns <see langword="false"/> when an event with its id is already stored.</summary>
    public bool InsertEvent(ConsentRecord record, string? evidenceJson, SqliteTransaction transaction)
    {
        SqliteParameterCollection p = Bind(_insertEvent, transaction);
        p[0].Value = Sql.IdToBlob(record.Id);
        p[1].Value = record.UserId;
        p[2].Value = record.Purpose;
        p[3].Value = record.Channel;
        p[4].Value = (int)record.Choice;
        p[5].Value = record.PolicyVersion;
        p[6].Value = record.Source;
        p[7].Value = record.OccurredAt.ToUnixTimeMilliseconds();
        p[8].Value = Sql.ToDb(record.ExpiresAt);
        p[9].Value = Sql.ToDb(record.Jurisdiction);
        p[10].Value = Sql.ToDb(evidenceJson);
        p[11].Value = record.RecordedAt.ToUnixTimeMilliseconds();
        p[12].Value = record.Origin;
        return _insertEvent.ExecuteNonQuery() == 1;
    }

    public void UpsertState(ConsentRecord record, SqliteTransaction transaction)
    {
        SqliteParameterCollection p = Bind(_upsertState, transaction);
        p[0].Value = record.UserId;
        p[1].Value = record.Purpose;
        p[2].Value = record.Channel;
        p[3].Value = Sql.IdToBlob(record.Id);
        p[4].Value = (int)record.Choice;
        p[5].Value = record.PolicyVersion;
        p[6].Value = record.OccurredAt.ToUnixTimeMilliseconds();
        p[7].Value = Sql.ToDb(record.ExpiresAt);
        _upsertState.ExecuteNonQuery();
    }

    public void EnqueueOutbox(Guid id, long nowMs, SqliteTransaction transaction)
    {
        SqliteParameterCollection p = Bind(_insertOutbox, transaction);
        p[0].Value = Sql.IdToBlob(id);
        p[1].Value = nowMs;
        _insertOutbox.ExecuteNonQuery();
    }

    /// <summary>Removes an event from the outbox; returns how many rows went (0 or 1).</summary>
    public int DeleteOutbox(Guid id, SqliteTransaction transaction)
    {
        Bind(_deleteOutbox, transaction)[0].Value = Sql.IdToBlob(id);
        return _deleteOutbox.ExecuteNonQuery();
    }

    /// <summary>Records a rejected event; returns 1 when it is newly dead-lettered.</summary>
    public int InsertDeadLetter(Guid id, string reason, long nowMs, SqliteTransaction transaction)
    {
        SqliteParameterCollection p = Bind(_insertDeadLetter, transaction);
        p[0].Value = Sql.IdToBlob(id);
        p[1].Value = reason;
        p[2].Value = nowMs;
        return _insertDeadLetter.ExecuteNonQuery();
    }

    public void SetSyncState(string key, string? value, SqliteTransaction transaction)
    {
        SqliteParameterCollection p = Bind(_setSyncState, transaction);
        p[0].Value = key;
        p[1].Value = Sql.ToDb(value);
        _setSyncState.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _deleteOutbox.Dispose();
        _insertDeadLetter.Dispose();
        _setSyncState.Dispose();
        _insertEvent.Dispose();
        _upsertState.Dispose();
        _insertOutbox.Dispose();
    }

    private static SqliteParameterCollection Bind(SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        return command.Parameters;
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
