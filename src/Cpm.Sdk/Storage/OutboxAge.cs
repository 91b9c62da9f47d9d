using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>
/// When the oldest outbox entry was queued, kept by the writer so the backlog alert never queries the store: read at
/// open, and again after a commit only when the outbox went from empty to not, or lost entries while others remain
/// (the next oldest is then the first by <c>seq</c>, an index lookup).
/// </summary>
internal sealed class OutboxAge(SqliteConnection writer)
{
    private const long None = long.MinValue;
    private long _oldestMs = None;

    /// <summary>When the oldest entry waiting was queued, or <see langword="null"/> when none waits.</summary>
    public DateTimeOffset? Oldest => Volatile.Read(ref _oldestMs) is var ms && ms != None ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Reads it from the store; on the writer's thread (or before it starts).</summary>
    public void Refresh()
    {
        using SqliteCommand command = writer.CreateCommand();
        command.CommandText = "SELECT enqueued_at FROM outbox ORDER BY seq LIMIT 1";
        Volatile.Write(ref _oldestMs, command.ExecuteScalar() is long ms ? ms : None);
    }

    /// <summary>After a commit that left <paramref name="depth"/> entries and removed <paramref name="removed"/>.</summary>
    public void AfterCommit(long depth, int removed)
    {
        if (depth == 0)
        {
            Volatile.Write(ref _oldestMs, None);
        }
        else if (removed > 0 || Volatile.Read(ref _oldestMs) == None)
        {
            try
            {
                Refresh();
            }
            catch (SqliteException)
            {
                // Keep the last value: the alert may be late, the writer must go on. The next delivery reads it again.
            }
        }
    }
}
