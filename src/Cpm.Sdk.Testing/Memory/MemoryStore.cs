using Cpm.Sdk.Gate;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Testing.Memory;

/// <summary>
/// The store of a <see cref="TestConsent"/>, in memory: the client's writer without SQLite. Captures are validated by the
/// client's <see cref="CaptureValidator"/> and change the gate's index through <see cref="EntryChanges"/>, the writer's
/// own code; links and erasures are checked by <see cref="RightsArguments"/>. One write at a time (under a lock, as the
/// single writer); the gate reads the index lock-free beside it. Keeps every event, in order, for history and assertions.
/// </summary>
internal sealed partial class MemoryStore(MemoryParts parts)
{
    private readonly Lock _lock = new();
    private readonly List<StoredEvent> _events = [];
    private readonly HashSet<string> _linked = new(StringComparer.Ordinal);
    private Undo? _last;

    public ConsentGate Gate => parts.Gate;

    /// <summary>The time now, by the double's clock.</summary>
    public DateTimeOffset Now => parts.Clock.GetUtcNow();

    /// <summary>Every event stored, in order, as the recorder returned it.</summary>
    public IReadOnlyList<ConsentRecord> Records => Select(_ => true);

    /// <summary>The records made through <see cref="IConsentRecorder.RecordAsync"/>, in order.</summary>
    public IReadOnlyList<ConsentRecord> Recorded => Select(e => e.ByCode);

    /// <summary>Validates and stores a capture, as <c>CpmClient.RecordAsync</c> does; throws, storing nothing, on bad input.</summary>
    public ConsentRecord Record(ConsentCapture capture, bool byCode, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = parts.Clock.GetUtcNow();
        ValidCapture valid = CaptureValidator.Validate(capture, Gate.Catalog, now);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Store(valid, Guid.CreateVersion7(now), byCode);
        }
    }

    /// <summary>
    /// Replaces the last event, <paramref name="previous"/>, by the capture (a refined statement of the builder): it keeps
    /// its id. A capture that fails validation takes the statement back whole, so bad input leaves nothing of it, as
    /// with a capture <c>RecordAsync</c> refuses. Throws <see cref="InvalidOperationException"/>, changing nothing,
    /// when another event was stored since.
    /// </summary>
    public ConsentRecord Replace(ConsentRecord previous, ConsentCapture capture)
    {
        DateTimeOffset now = parts.Clock.GetUtcNow();
        lock (_lock)
        {
            if (_last is not { } last || last.Id != previous.Id || _events.Count == 0 || _events[^1].Record.Id != previous.Id)
            {
                throw new InvalidOperationException(
                    "Only the latest statement can be refined, and only while it stands: finish a choice (On, At, WithFrequency, ...) before stating the next one.");
            }

            if (last.Entries is null)
            {
                parts.Index.Remove(last.UserId);
            }
            else
            {
                parts.Index.Set(last.UserId, last.Entries);
            }

            _events.RemoveAt(_events.Count - 1);
            _last = null;
            return Store(CaptureValidator.Validate(capture, Gate.Catalog, now), previous.Id, byCode: false);
        }
    }

    /// <summary>The person's history, as <c>CpmClient.GetHistoryAsync</c> reads it: their events and their erasures, by time.</summary>
    public IReadOnlyList<ConsentRecord> History(string userId)
    {
        lock (_lock)
        {
            return [.. _events
                .Where(e => string.Equals(e.Record.UserId, userId, StringComparison.Ordinal) && (!e.Scrubbed || e.Record.Kind == EventKind.Erasure))
                .OrderBy(e => e.Record.OccurredAt)
                .Select(e => e.Record)];
        }
    }

    /// <summary>Stores a valid capture under the lock, as the writer applies a consent event.</summary>
    private ConsentRecord Store(ValidCapture valid, Guid id, bool byCode)
    {
        ConsentRecord record = valid.ToRecord(id, parts.InstanceId, CommitTime());
        IndexEntry[]? before = parts.Index.Get(record.UserId);
        bool scrubbed = false;
        Tombstone? cameBackFrom = null;
        if (ErasureOf(record.UserId, before) is { } erasure)
        {
            // Occurred at or before the person's erasure: stored scrubbed, it changes nothing. After it: they came back.
            if (record.OccurredAt.ToUnixTimeMilliseconds() <= erasure.ErasedAtMs)
            {
                scrubbed = true;
            }
            else
            {
                cameBackFrom = erasure;
            }
        }

        if (!scrubbed
            && EntryChanges.ApplyChoice(before, record, EntryChanges.EntryOf(record, parts.Symbols), cameBackFrom, parts.Symbols, out _) is { } next)
        {
            parts.Index.Set(record.UserId, next);
        }

        _events.Add(new StoredEvent(record, byCode) { Scrubbed = scrubbed });
        _last = new Undo(record.Id, record.UserId, before);
        return record;
    }

    /// <summary>The erasure that applies to the person: the mark among their entries, else their tombstone.</summary>
    private Tombstone? ErasureOf(string userId, IndexEntry[]? entries) =>
        // Stryker disable once Conditional : equivalent. A person the index holds was never erased, or came back from their latest erasure, which their mark and their tombstone both name.
        entries is not null ? EntryChanges.ErasureMark(entries)
        : parts.Tombstones.TryGet(userId, out Tombstone tombstone) ? tombstone
        : null;

    /// <summary>The commit time, whole milliseconds, as the writer stamps <see cref="ConsentRecord.RecordedAt"/>.</summary>
    private DateTimeOffset CommitTime() => RightsArguments.Now(parts.Clock);

    private ConsentRecord[] Select(Func<StoredEvent, bool> which)
    {
        lock (_lock)
        {
            return [.. _events.Where(which).Select(e => e.Record)];
        }
    }

    /// <summary>An event as stored: scrubbed once its person is erased (it leaves their history).</summary>
    private sealed record StoredEvent(ConsentRecord Record, bool ByCode)
    {
        public bool Scrubbed { get; set; }
    }

    /// <summary>How to take back the last event: the person's entries before it.</summary>
    private readonly record struct Undo(Guid Id, string UserId, IndexEntry[]? Entries);
}
