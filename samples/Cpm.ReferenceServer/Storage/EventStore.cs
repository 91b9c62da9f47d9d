using Cpm.Sdk.Audit;
using Cpm.Sdk.Protocol;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// The events table: one serialized write path (one transaction per push batch, which also appends the batch's
/// leaves to the Merkle log and applies its erasures) and reads on their own pooled connections, which WAL lets run
/// beside the writer.
/// </summary>
internal sealed class EventStore : IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _readers;
    private readonly CommitSignal _commits;
    private readonly TimeProvider _clock;
    private readonly LogTree _tree;
    private readonly Erasures _erasures;
    private bool _disposed;

    public EventStore(string path, CommitSignal commits, TimeProvider clock)
    {
        _writer = ServerDatabase.OpenWriter(path);
        try
        {
            _tree = LogTree.Load(_writer);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }

        _erasures = new Erasures(_writer);
        _readers = Sql.ReaderConnection(path, pooling: true);
        _commits = commits;
        _clock = clock;
    }

    /// <summary>Stores the valid, new events of one batch in one transaction; returns one result per event, in order.</summary>
    /// <remarks>
    /// An id already held answers <c>duplicate</c> even when the new copy differs or is invalid; nothing is overwritten.
    /// An erasure is applied as it is stored (<see cref="Erasures"/>), so the events after it in the batch already see it.
    /// </remarks>
    public async Task<List<PushResult>> AppendAsync(IReadOnlyList<IncomingEvent> batch, CancellationToken cancellationToken)
    {
        var results = new List<PushResult>(batch.Count);
        int accepted = 0;
        bool erased = false;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long receivedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            MerkleFrontier pending = _tree.Begin();
            using SqliteTransaction transaction = _writer.BeginTransaction();
            foreach (IncomingEvent incoming in batch)
            {
                string status = incoming.Key is not null && Holds(incoming.Key) ? PushResult.Duplicate
                    : incoming.Row is null ? PushResult.Rejected
                    : PushResult.Accepted;
                if (status == PushResult.Accepted)
                {
                    EventRow row = _erasures.OnArrival(incoming.Row!);
                    long sequence = Insert(row, receivedAt);
                    LogTree.Append(_writer, pending, sequence, row.LeafHash);
                    if (row.Erases is { } subject)
                    {
                        _erasures.Apply(subject, row.OccurredAt);
                        erased = true;
                    }

                    accepted++;
                }

                string? error = status == PushResult.Rejected ? incoming.Rejection : null;
                results.Add(new PushResult { Id = incoming.WireId, Status = status, Error = error });
            }

            transaction.Commit();
            _tree.Publish(pending);
            if (erased)
            {
                _erasures.TruncateWriteAheadLog();
            }
        }
        finally
        {
            _writeLock.Release();
        }

        if (accepted > 0)
        {
            _commits.Pulse();
        }

        return results;
    }

    /// <summary>Reads up to <paramref name="limit"/> events after sequence <paramref name="after"/>.</summary>
    public EventPage ReadAfter(long after, int limit)
    {
        using SqliteConnection connection = OpenReader(_readers);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT seq, body FROM events WHERE seq > $after ORDER BY seq LIMIT $take";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$take", limit + 1);
        var events = new List<(long, string)>(Math.Min(limit, 64));
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (events.Count == limit)
            {
                return new EventPage(events, HasMore: true);
            }

            events.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return new EventPage(events, HasMore: false);
    }

    /// <summary>The log's size and root as last committed.</summary>
    public LogHead Head => _tree.Head;

    /// <summary>Opens a pooled read connection (proofs read the tree on one).</summary>
    public SqliteConnection OpenReadConnection() => OpenReader(_readers);

    /// <summary>The sequence number of the last stored event; 0 when there is none.</summary>
    public long LastSequence()
    {
        using SqliteConnection connection = OpenReader(_readers);
        return Sql.ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM events");
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            // Readers first: the writer, closing last, checkpoints the write-ahead log and removes it.
            _disposed = true;
            SqliteConnection.ClearPool(new SqliteConnection(_readers));
            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Opens a read connection; inspection helpers pass an unpooled string so they work after shutdown.</summary>
    public static SqliteConnection OpenReader(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private bool Holds(string id)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.CommandText = "SELECT 1 FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Inserts one event; returns its sequence number. Columns an event's kind lacks hold the empty string.</summary>
    private long Insert(EventRow row, long receivedAt)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.CommandText = """
            INSERT INTO events(id, user_id, purpose, channel, occurred_at, received_at, body, subject_hash)
            VALUES ($id, $user, $purpose, $channel, $occurred, $received, $body, $subject)
            RETURNING seq
            """;
        command.Parameters.AddWithValue("$id", row.Id);
        command.Parameters.AddWithValue("$user", row.Event.UserId ?? "");
        command.Parameters.AddWithValue("$purpose", row.Event.Purpose ?? "");
        command.Parameters.AddWithValue("$channel", row.Event.Channel ?? "");
        command.Parameters.AddWithValue("$subject", (object?)row.SubjectHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$occurred", row.OccurredAt);
        command.Parameters.AddWithValue("$received", receivedAt);
        command.Parameters.AddWithValue("$body", row.Body);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
