using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The writer's statements on <c>send_ledger</c>, the durable copy of the send guard's counts: one row per reserved send,
/// deleted when it is released or when its periods are over. Reservations come at send rate, so the statements are
/// prepared once and driven on the writer connection's handle inside the batch's transaction.
/// </summary>
internal sealed class LedgerCommands : IDisposable
{
    private readonly PreparedStatements _statements;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _find;
    private readonly sqlite3_stmt _delete;
    private readonly sqlite3_stmt _prune;

    public LedgerCommands(sqlite3 db)
    {
        _statements = new PreparedStatements(db);
        _insert = _statements.Prepare("INSERT INTO send_ledger(reservation_id, user_id, purpose, channel, reserved_at) VALUES (?1, ?2, ?3, ?4, ?5)");
        _find = _statements.Prepare("SELECT user_id, reserved_at FROM send_ledger WHERE reservation_id = ?1");
        _delete = _statements.Prepare("DELETE FROM send_ledger WHERE reservation_id = ?1");
        _prune = _statements.Prepare("DELETE FROM send_ledger WHERE reserved_at < ?1");
    }

    public void Insert(Guid id, string userId, string purpose, string channel, long reservedAtMs)
    {
        PreparedStatements.BindId(_insert, 1, id);
        PreparedStatements.BindText(_insert, 2, userId);
        PreparedStatements.BindText(_insert, 3, purpose);
        PreparedStatements.BindText(_insert, 4, channel);
        raw.sqlite3_bind_int64(_insert, 5, reservedAtMs);
        _statements.Execute(_insert);
    }

    /// <summary>The person and time of a reservation, or <see langword="null"/> when none has this id.</summary>
    public (string UserId, long ReservedAtMs)? Find(Guid id)
    {
        PreparedStatements.BindId(_find, 1, id);
        try
        {
            int rc = raw.sqlite3_step(_find);
            return rc == raw.SQLITE_ROW
                ? (raw.sqlite3_column_text(_find, 0).utf8_to_string(), raw.sqlite3_column_int64(_find, 1))
                : rc == raw.SQLITE_DONE ? null : throw _statements.Error(rc);
        }
        finally
        {
            raw.sqlite3_reset(_find);
        }
    }

    public int Delete(Guid id)
    {
        PreparedStatements.BindId(_delete, 1, id);
        return _statements.Execute(_delete);
    }

    /// <summary>Deletes the reservations made before <paramref name="beforeMs"/>; returns how many.</summary>
    public int Prune(long beforeMs)
    {
        raw.sqlite3_bind_int64(_prune, 1, beforeMs);
        return _statements.Execute(_prune);
    }

    /// <summary>Every reservation made at or after <paramref name="sinceMs"/>, for the send guard's counts at open.</summary>
    public static List<(Guid Id, string UserId, string Purpose, string Channel, long ReservedAtMs)> ReadSince(SqliteConnection connection, long sinceMs)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT reservation_id, user_id, purpose, channel, reserved_at FROM send_ledger WHERE reserved_at >= $since";
        command.Parameters.AddWithValue("$since", sinceMs);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<(Guid, string, string, string, long)>();
        while (reader.Read())
        {
            rows.Add((new Guid(reader.GetFieldValue<byte[]>(0), bigEndian: true), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return rows;
    }

    public void Dispose() => _statements.Dispose();
}
