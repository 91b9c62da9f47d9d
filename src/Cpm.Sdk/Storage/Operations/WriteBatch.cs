using Cpm.Sdk.Gate;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// What operations see of the batch being committed: the transaction, the commands, the commit time, and the
/// index changes staged until the commit succeeds.
/// </summary>
internal sealed class WriteBatch(ConsentIndex index, SymbolTable symbols, EventCommands commands)
{
    private readonly Dictionary<string, IndexEntry[]> _staged = new(StringComparer.Ordinal);

    public EventCommands Commands { get; } = commands;

    public SqliteTransaction Transaction { get; private set; } = null!;

    /// <summary>The commit time, whole milliseconds: every record of the batch gets it as <c>RecordedAt</c>.</summary>
    public DateTimeOffset Now { get; private set; }

    public long OutboxDelta { get; private set; }

    public long DeadLetterDelta { get; private set; }

    public void Begin(SqliteTransaction transaction, DateTimeOffset now)
    {
        Transaction = transaction;
        Now = now;
        OutboxDelta = 0;
        DeadLetterDelta = 0;
        _staged.Clear();
    }

    /// <summary>Appends an event (ignored when its id is already stored) and applies it to the state under rule 4.</summary>
    public (ConsentRecord Record, bool Inserted) AddEvent(StoredEvent stored, bool enqueueOutbox)
    {
        ConsentRecord record = stored.Record with { RecordedAt = Now };
        if (!Commands.InsertEvent(record, stored.EvidenceJson, Transaction))
        {
            return (record, false);
        }

        var entry = new IndexEntry(
            record.Id,
            record.OccurredAt.ToUnixTimeMilliseconds(),
            record.ExpiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
            symbols.Intern(record.Purpose),
            symbols.Intern(record.Channel),
            record.PolicyVersion,
            record.Choice);
        IndexEntry[]? current = _staged.TryGetValue(record.UserId, out IndexEntry[]? pending) ? pending : index.Get(record.UserId);
        if (ConsentIndex.Apply(current, entry) is { } next)
        {
            Commands.UpsertState(record, Transaction);
            _staged[record.UserId] = next;
        }

        if (enqueueOutbox)
        {
            Commands.EnqueueOutbox(record.Id, Now.ToUnixTimeMilliseconds(), Transaction);
            OutboxDelta++;
        }

        return (record, true);
    }

    public void RemoveFromOutbox(Guid id) => OutboxDelta -= Commands.DeleteOutbox(id, Transaction);

    public void DeadLetter(Guid id, string reason)
    {
        RemoveFromOutbox(id);
        DeadLetterDelta += Commands.InsertDeadLetter(id, reason, Now.ToUnixTimeMilliseconds(), Transaction);
    }

    /// <summary>After the commit: makes the batch's state changes visible to the gate.</summary>
    public void Publish()
    {
        foreach (KeyValuePair<string, IndexEntry[]> user in _staged)
        {
            index.Set(user.Key, user.Value);
        }
    }
}
