using Cpm.Sdk.Audit;
using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// What operations see of the batch being committed, inside the writer's transaction: the commands, the commit time, and the
/// index changes staged until the commit succeeds.
/// </summary>
internal sealed class WriteBatch(ConsentIndex index, SymbolTable symbols, EventCommands commands, StoreLogWriter log)
{
    private readonly Dictionary<string, IndexEntry[]> _staged = new(StringComparer.Ordinal);

    public EventCommands Commands { get; } = commands;

    /// <summary>The commit time, whole milliseconds: every record of the batch gets it as <c>RecordedAt</c>.</summary>
    public DateTimeOffset Now { get; private set; }

    public long OutboxDelta { get; private set; }

    public long DeadLetterDelta { get; private set; }

    /// <summary>The store's audit log, appended to by every event this batch inserts.</summary>
    public StoreLogWriter Log { get; } = log;

    /// <summary>Events this batch appended (duplicates of stored ids not counted).</summary>
    public int EventsInserted { get; private set; }

    /// <summary>Starts a batch; the writer has opened its transaction on the same connection as the commands.</summary>
    public void Begin(DateTimeOffset now)
    {
        Now = now;
        OutboxDelta = 0;
        DeadLetterDelta = 0;
        EventsInserted = 0;
        _staged.Clear();
        Log.Begin();
    }

    /// <summary>Ends the batch inside its transaction: the audit log's checkpoint for what it appended.</summary>
    public void End() => Log.End(Commands, Now.ToUnixTimeMilliseconds());

    /// <summary>Appends an event (ignored when its id is already stored) and applies it to the state under rule 4.</summary>
    public (ConsentRecord Record, bool Inserted) AddEvent(StoredEvent stored, bool enqueueOutbox)
    {
        ConsentRecord record = stored.Record with { RecordedAt = Now };
        byte[]? leaf = Log.Enabled ? stored.LeafHash : null;
        if (!Commands.InsertEvent(record, stored.EvidenceJson, stored.Salt, leaf, Log.PreviousLeaf))
        {
            return (record, false);
        }

        EventsInserted++;
        if (leaf is not null)
        {
            Log.Append(leaf, Commands);
        }

        var entry = new IndexEntry(
            record.Id,
            record.OccurredAt.ToUnixTimeMilliseconds(),
            record.ExpiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
            symbols.Intern(record.Purpose),
            symbols.Intern(record.Channel),
            record.PolicyVersion,
            record.Choice,
            record.Separate);
        IndexEntry[]? current = _staged.TryGetValue(record.UserId, out IndexEntry[]? pending) ? pending : index.Get(record.UserId);
        if (ConsentIndex.Apply(current, entry) is { } next)
        {
            Commands.UpsertState(record);
            _staged[record.UserId] = current = next;
        }

        // The latest record that carries a jurisdiction sets the person's, under the same order (rule 4).
        if (record.Jurisdiction is { } jurisdiction && ConsentIndex.Apply(current, IndexEntry.ForJurisdiction(
                record.Id, entry.OccurredAtMs, record.Choice, symbols.Intern(jurisdiction))) is { } moved)
        {
            Commands.UpsertJurisdiction(record);
            _staged[record.UserId] = moved;
        }

        if (enqueueOutbox)
        {
            OutboxDelta += Commands.EnqueueOutbox(record.Id, Now.ToUnixTimeMilliseconds());
        }

        return (record, true);
    }

    public void RemoveFromOutbox(Guid id) => OutboxDelta -= Commands.DeleteOutbox(id);

    public void DeadLetter(Guid id, string reason)
    {
        RemoveFromOutbox(id);
        DeadLetterDelta += Commands.InsertDeadLetter(id, reason, Now.ToUnixTimeMilliseconds());
    }

    /// <summary>Moves a dead letter back to the outbox, untouched; returns whether it was a dead letter.</summary>
    public bool Requeue(Guid id)
    {
        if (Commands.DeleteDeadLetter(id) == 0)
        {
            return false;
        }

        DeadLetterDelta--;
        OutboxDelta += Commands.EnqueueOutbox(id, Now.ToUnixTimeMilliseconds());
        return true;
    }

    /// <summary>Parks a pulled event that cannot be merged; returns whether it is newly parked.</summary>
    public bool Park(string? id, string body, string reason) =>
        Commands.InsertParked(id, body, reason, Now.ToUnixTimeMilliseconds()) == 1;

    /// <summary>Removes a parked event; returns whether it was still parked.</summary>
    public bool Unpark(long seq) => Commands.DeleteParked(seq) == 1;

    /// <summary>After the commit: makes the batch's state changes visible to the gate.</summary>
    public void Publish()
    {
        Log.Commit();
        foreach (KeyValuePair<string, IndexEntry[]> user in _staged)
        {
            index.Set(user.Key, user.Value);
        }
    }
}
