using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Reads the dead letters (rejected pushes and parked pulls) on a read connection beside the writer.</summary>
internal static class DeadLetterReader
{
    private const string RejectedQuery = $"""
        SELECT {RecordReader.Columns}, dead_letters.event_id, dead_letters.reason, dead_letters.failed_at
        FROM dead_letters LEFT JOIN events ON events.id = dead_letters.event_id
        ORDER BY dead_letters.failed_at, dead_letters.event_id
        """;

    private const string ParkedQuery = "SELECT seq, id, body, reason, parked_at FROM parked_events ORDER BY seq";

    /// <summary>A parked row as the requeue needs it.</summary>
    public readonly record struct ParkedRow(long Seq, Guid EventId, string Body);

    /// <summary>Every dead letter, oldest first.</summary>
    public static IReadOnlyList<DeadLetter> Read(SqliteStore store, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = store.OpenReader();
        var letters = new List<DeadLetter>();
        ForEach(connection, RejectedQuery, cancellationToken, reader => letters.Add(new DeadLetter
        {
            EventId = Sql.BlobToId(reader, RecordReader.ColumnCount),
            Kind = DeadLetterKind.Rejected,
            Reason = reader.GetString(RecordReader.ColumnCount + 1),
            FailedAt = Sql.FromUnixMs(reader.GetInt64(RecordReader.ColumnCount + 2)),
            Record = reader.IsDBNull(0) ? null : RecordReader.Read(reader),
        }));
        ForEach(connection, ParkedQuery, cancellationToken, reader => letters.Add(new DeadLetter
        {
            EventId = ParseId(reader),
            Kind = DeadLetterKind.Unmergeable,
            Reason = reader.GetString(3),
            FailedAt = Sql.FromUnixMs(reader.GetInt64(4)),
            WireEvent = reader.GetString(2),
        }));
        return [.. letters.OrderBy(letter => letter.FailedAt)];
    }

    /// <summary>The rejected ids and parked rows a requeue of <paramref name="only"/> (or of all, when null) touches.</summary>
    public static (List<Guid> Rejected, List<ParkedRow> Parked) ReadForRequeue(SqliteStore store, HashSet<Guid>? only, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = store.OpenReader();
        var rejected = new List<Guid>();
        ForEach(connection, "SELECT event_id FROM dead_letters ORDER BY failed_at", cancellationToken, reader =>
        {
            Guid id = Sql.BlobToId(reader, 0);
            if (only is null || only.Contains(id))
            {
                rejected.Add(id);
            }
        });
        var parked = new List<ParkedRow>();
        ForEach(connection, ParkedQuery, cancellationToken, reader =>
        {
            Guid id = ParseId(reader);
            if (only is null || only.Contains(id))
            {
                parked.Add(new ParkedRow(reader.GetInt64(0), id, reader.GetString(2)));
            }
        });
        return (rejected, parked);
    }

    /// <summary>How many pulled events are parked; read once at open, on a connection that is not pooled (a pooled one would outlive the open).</summary>
    public static long CountParked(SqliteStore store)
    {
        using var connection = new SqliteConnection(ConnectionStrings.ReadOnly(store.Path, pooling: false));
        connection.Open();
        return Sql.ScalarInt64(connection, "SELECT count(*) FROM parked_events");
    }

    private static void ForEach(SqliteConnection connection, string sql, CancellationToken cancellationToken, Action<SqliteDataReader> row)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            row(reader);
        }
    }

    private static Guid ParseId(SqliteDataReader reader) =>
        !reader.IsDBNull(1) && Guid.TryParse(reader.GetString(1), out Guid id) ? id : Guid.Empty;
}
