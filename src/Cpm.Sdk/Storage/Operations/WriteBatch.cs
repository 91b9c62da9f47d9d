using Cpm.Sdk.Audit;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// What operations see of the batch being committed, inside the writer's transaction: the commands, the commit time, and the
/// index, alias and tombstone changes staged until the commit succeeds.
/// </summary>
internal sealed class WriteBatch(ConsentIndex index, SymbolTable symbols, EventCommands commands, StoreLogWriter log, AliasIndex aliases, Tombstones tombstones)
{
    /// <summary>A user staged as <see langword="null"/> is removed from the index at publish (an erasure).</summary>
    private readonly Dictionary<string, IndexEntry[]?> _staged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AliasTarget?> _stagedAliases = new(StringComparer.Ordinal);
    private readonly Dictionary<SubjectKey, Tombstone> _stagedTombstones = [];
    private readonly ErasureCommands _erasure = new(commands);
    private readonly List<string> _erasedUsers = [];
    private readonly List<StagedWithdrawal> _withdrawals = [];

    public EventCommands Commands { get; } = commands;

    /// <summary>The statements on the send guard's ledger.</summary>
    public required LedgerCommands Ledger { get; init; }

    /// <summary>The people an erasure of the batch erased.</summary>
    public IReadOnlyList<string> ErasedUsers => _erasedUsers;

    /// <summary>The commit time, whole milliseconds: every record of the batch gets it as <c>RecordedAt</c>.</summary>
    public DateTimeOffset Now { get; private set; }

    public long OutboxDelta { get; private set; }

    public long DeadLetterDelta { get; private set; }

    /// <summary>Outbox entries this batch removed (delivered or dead-lettered).</summary>
    public int OutboxRemoved { get; private set; }

    /// <summary>The withdrawals this batch applied, for the mass-withdrawal alert; counted once the commit succeeded.</summary>
    public List<StagedWithdrawal> Withdrawals => _withdrawals;

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
        OutboxRemoved = 0;
        EventsInserted = 0;
        _withdrawals.Clear();
        _staged.Clear();
        _stagedAliases.Clear();
        _stagedTombstones.Clear();
        _erasedUsers.Clear();
        Log.Begin();
    }

    /// <summary>Ends the batch inside its transaction: the audit log's checkpoint for what it appended.</summary>
    public void End() => Log.End(Commands, Now.ToUnixTimeMilliseconds());

    /// <summary>
    /// Appends an event (ignored when its id is already stored) and applies it: a consent choice to the state under rule 4,
    /// a link or unlink to its alias, an erasure to its person. An event of an erased person that occurred before the
    /// erasure is stored scrubbed and changes nothing: whenever it arrives, it never revives them.
    /// </summary>
    public (ConsentRecord Record, bool Inserted) AddEvent(StoredEvent stored, bool enqueueOutbox) =>
        AddEvent(stored, enqueueOutbox, out _);

    /// <summary>As <see cref="AddEvent(StoredEvent, bool)"/>; <paramref name="erased"/> is what an erasure did.</summary>
    public (ConsentRecord Record, bool Inserted) AddEvent(StoredEvent stored, bool enqueueOutbox, out ErasureOutcome? erased)
    {
        erased = null;
        ConsentRecord record = stored.Record with { RecordedAt = Now };
        ConsentRecord asGiven = record;   // what the caller gets back, even when it is stored scrubbed
        long occurredAtMs = record.OccurredAt.ToUnixTimeMilliseconds();
        Tombstone? cameBackFrom = null;
        if (stored.Scrubbed is null && record.Kind != EventKind.Erasure && record.UserId.Length > 0)
        {
            if (ErasureOf(record.UserId) is { } tombstone)
            {
                if (occurredAtMs <= tombstone.ErasedAtMs)
                {
                    stored = stored.ToScrubbed();
                    record = stored.Record with { RecordedAt = Now };
                }
                else
                {
                    cameBackFrom = tombstone;
                }
            }
        }

        byte[]? leaf = Log.Enabled ? stored.LeafHash : null;
        if (!Commands.InsertEvent(stored, record, leaf, Log.PreviousLeaf))
        {
            return (asGiven, false);
        }

        EventsInserted++;
        if (leaf is not null)
        {
            Log.Append(leaf, Commands);
        }

        if (stored.Scrubbed is null)
        {
            switch (record.Kind)
            {
                case EventKind.Consent:
                    ApplyChoice(record, occurredAtMs, cameBackFrom);
                    break;
                case EventKind.Link or EventKind.Unlink:
                    ApplyAlias(record, occurredAtMs);
                    break;
                case EventKind.Erasure:
                    erased = ApplyErasure(record, stored.SubjectHash!, occurredAtMs);
                    break;
            }
        }

        // Access and export requests stay in this store's log; every other kind travels.
        if (enqueueOutbox && record.Kind is not (EventKind.Access or EventKind.Export))
        {
            OutboxDelta += Commands.EnqueueOutbox(record.Id, Now.ToUnixTimeMilliseconds());
        }

        return (asGiven, true);
    }

    /// <summary>The alias target staged in this batch or published, for rule-4 checks before a link.</summary>
    public AliasTarget? AliasTargetOf(string normalized) =>
        _stagedAliases.TryGetValue(normalized, out AliasTarget? staged) ? staged : aliases.Get(normalized);

    /// <summary>The erasure that applies to <paramref name="userId"/>, staged in this batch or published, if any.</summary>
    public Tombstone? ErasureOf(string userId)
    {
        IndexEntry[]? entries = Entries(userId);
        if (entries is not null)
        {
            // A person in the index was either never erased or came back: the mark says which.
            foreach (IndexEntry e in entries)
            {
                if (e.Purpose == IndexEntry.ErasureKey)
                {
                    return new Tombstone(e.Id, e.OccurredAtMs);
                }
            }

            return null;
        }

        if (tombstones.Count == 0 && _stagedTombstones.Count == 0)
        {
            return null;
        }

        SubjectKey key = SubjectKey.Of(userId);
        return _stagedTombstones.TryGetValue(key, out Tombstone staged) ? staged
            : tombstones.TryGet(key, out Tombstone published) ? published
            : null;
    }

    /// <summary>The person's entries as this batch leaves them: staged, else published; <see langword="null"/> when none.</summary>
    private IndexEntry[]? Entries(string userId) =>
        _staged.TryGetValue(userId, out IndexEntry[]? pending) ? pending : index.Get(userId);

    private void ApplyChoice(ConsentRecord record, long occurredAtMs, Tombstone? cameBackFrom)
    {
        IndexEntry[]? current = Entries(record.UserId);
        if (current is null)
        {
            Commands.InsertSubject(SubjectKey.Of(record.UserId).ToBytes(), record.UserId);
            if (cameBackFrom is { } erasure)
            {
                // Back after an erasure: mark it, so the gate knows the person's records all occurred since.
                Commands.UpsertErasureMark(record.UserId, erasure.EventId, erasure.ErasedAtMs);
                current = [IndexEntry.ForErasure(erasure.EventId, erasure.ErasedAtMs)];
                _staged[record.UserId] = current;
            }
        }

        var entry = new IndexEntry(
            record.Id,
            occurredAtMs,
            record.ExpiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
            symbols.Intern(record.Purpose),
            symbols.Intern(record.Channel),
            record.PolicyVersion,
            record.Choice,
            record.Separate,
            record.Frequency?.Pack() ?? 0);
        if (record.Choice == ConsentChoice.Withdrawn)
        {
            _withdrawals.Add(new StagedWithdrawal(entry.Purpose, record.Purpose, occurredAtMs));
        }

        if (ConsentIndex.Apply(current, entry) is { } next)
        {
            Commands.UpsertState(record);
            _staged[record.UserId] = current = next;
        }

        // The latest record that carries a jurisdiction sets the person's, under the same order (rule 4).
        if (record.Jurisdiction is { } jurisdiction && ConsentIndex.Apply(current, IndexEntry.ForJurisdiction(
                record.Id, occurredAtMs, record.Choice, symbols.Intern(jurisdiction))) is { } moved)
        {
            Commands.UpsertJurisdiction(record);
            _staged[record.UserId] = moved;
        }
    }

    private void ApplyAlias(ConsentRecord record, long occurredAtMs)
    {
        if (record.UserId.Length > 0 && Entries(record.UserId) is null)
        {
            Commands.InsertSubject(SubjectKey.Of(record.UserId).ToBytes(), record.UserId);
        }

        var candidate = new AliasTarget(record.Kind == EventKind.Link ? record.UserId : null, occurredAtMs, record.Id);
        if (AliasIndex.Beats(candidate, AliasTargetOf(record.Alias!)))
        {
            Commands.UpsertAlias(record);
            _stagedAliases[record.Alias!] = candidate;
        }
    }

    private ErasureOutcome ApplyErasure(ConsentRecord record, string subjectHash, long erasedAtMs)
    {
        SubjectKey key = SubjectKey.FromBase64(subjectHash)!.Value;
        var tombstone = new Tombstone(record.Id, erasedAtMs);
        Commands.UpsertTombstone(subjectHash, record.Id, erasedAtMs);
        if (ErasureOfKey(key) is not { } kept || kept.ErasedAtMs < erasedAtMs)
        {
            _stagedTombstones[key] = tombstone;
        }

        byte[] hash = key.ToBytes();
        if (_erasure.UserOf(hash) is not { } userId)
        {
            return new ErasureOutcome(0, 0, 0);
        }

        _erasure.SecureDelete(on: true);
        try
        {
            return Erase(key, hash, userId, tombstone, erasedAtMs);
        }
        finally
        {
            _erasure.SecureDelete(on: false);
        }
    }

    private ErasureOutcome Erase(SubjectKey key, byte[] hash, string userId, Tombstone tombstone, long erasedAtMs)
    {
        (int events, int evidence) = _erasure.ScrubEvents(userId, erasedAtMs);
        bool remain = _erasure.DeleteStateBefore(userId, erasedAtMs);
        if (remain)
        {
            // Records made after the erasure stay, marked: the person came back before the erasure reached this store.
            Tombstone latest = _stagedTombstones.GetValueOrDefault(key, tombstone);
            Commands.UpsertErasureMark(userId, latest.EventId, latest.ErasedAtMs);
            IndexEntry[] after = [.. (Entries(userId) ?? []).Where(e => e.Purpose != IndexEntry.ErasureKey && e.OccurredAtMs > erasedAtMs)];
            _staged[userId] = [.. after, IndexEntry.ForErasure(latest.EventId, latest.ErasedAtMs)];
        }
        else
        {
            _staged[userId] = null;
        }

        List<string> removed = _erasure.DeleteAliasesBefore(userId, erasedAtMs);
        foreach (string alias in removed)
        {
            _stagedAliases[alias] = null;
        }

        _erasure.DeleteSends(userId);
        _erasedUsers.Add(userId);
        _erasure.Forget(hash, userId);
        return new ErasureOutcome(events, evidence, removed.Count);
    }

    private Tombstone? ErasureOfKey(SubjectKey key) =>
        _stagedTombstones.TryGetValue(key, out Tombstone staged) ? staged
        : tombstones.TryGet(key, out Tombstone published) ? published
        : null;

    public void RemoveFromOutbox(Guid id)
    {
        int removed = Commands.DeleteOutbox(id);
        OutboxDelta -= removed;
        OutboxRemoved += removed;
    }

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

    /// <summary>
    /// After the commit: makes the batch's alias, erasure and state changes visible to the gate, in that order, so a
    /// reader that sees a person erased no longer resolves their aliases (an alias that resolves to no one never passes).
    /// </summary>
    public void Publish()
    {
        Log.Commit();
        foreach (KeyValuePair<string, AliasTarget?> alias in _stagedAliases)
        {
            if (alias.Value is null)
            {
                aliases.Remove(alias.Key);
            }
            else
            {
                aliases.Set(alias.Key, alias.Value);
            }
        }

        foreach (KeyValuePair<SubjectKey, Tombstone> tombstone in _stagedTombstones)
        {
            tombstones.Add(tombstone.Key, tombstone.Value);
        }

        foreach (KeyValuePair<string, IndexEntry[]?> user in _staged)
        {
            if (user.Value is null)
            {
                index.Remove(user.Key);
            }
            else
            {
                index.Set(user.Key, user.Value);
            }
        }

    }
}

/// <summary>A withdrawal a batch applied: its purpose (interned and as written) and when it occurred.</summary>
internal readonly record struct StagedWithdrawal(int Symbol, string Purpose, long OccurredAtMs);

/// <summary>What an erasure did here: events scrubbed, how many of them held evidence, aliases removed.</summary>
internal sealed record ErasureOutcome(int Events, int Evidence, int Aliases);
