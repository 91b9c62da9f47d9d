using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Testing.Memory;

/// <summary>Links and erasures, as <c>CpmClient.LinkAsync</c> and <c>EraseAsync</c> check and the writer applies them.</summary>
internal sealed partial class MemoryStore
{
    /// <summary>
    /// Points an alias to a person; throws, storing nothing, on bad input or an erased person. A link made at or before the
    /// erasure the person came back from is stored scrubbed and links nothing, as the writer stores it.
    /// </summary>
    public ConsentRecord Link(string userId, string alias)
    {
        RightsArguments.CheckUser(userId);
        string normalized = RightsArguments.NormalizeAlias(alias, parts.Aliases);
        lock (_lock)
        {
            RightsArguments.ThrowIfErased(userId, parts.Index, parts.Tombstones);
            ConsentRecord record = RightsArguments.NewRecord(EventKind.Link, userId, normalized, CommitTime(), parts.InstanceId);
            long linkedAtMs = record.OccurredAt.ToUnixTimeMilliseconds();

            // At or before the erasure the person came back from (a clock set back): stored scrubbed, it links nothing.
            bool scrubbed = ErasureOf(userId, parts.Index.Get(userId)) is { } erasure && linkedAtMs <= erasure.ErasedAtMs;
            var candidate = new AliasTarget(userId, linkedAtMs, record.Id);
            if (!scrubbed && AliasIndex.Beats(candidate, parts.Aliases.Get(normalized)))
            {
                parts.Aliases.Set(normalized, candidate);
                _linked.Add(normalized);
            }

            _events.Add(new StoredEvent(record, ByCode: false) { Scrubbed = scrubbed });
            _last = null;
            return record;
        }
    }

    /// <summary>
    /// Erases a person now: their events leave their history, their gate entries, aliases and counted sends go, and a
    /// tombstone remembers them, so the gate answers <see cref="DecisionReason.Erased"/>. Throws when nothing is held about them.
    /// </summary>
    public ConsentRecord Erase(string userId)
    {
        RightsArguments.CheckUser(userId);
        lock (_lock)
        {
            if (!HoldsAnything(userId))
            {
                throw RightsArguments.NothingHeld();
            }

            ConsentRecord record = RightsArguments.NewRecord(EventKind.Erasure, userId, null, CommitTime(), parts.InstanceId);
            long erasedAtMs = record.OccurredAt.ToUnixTimeMilliseconds();
            var tombstone = new Tombstone(record.Id, erasedAtMs);
            SubjectKey key = SubjectKey.Of(userId);
            parts.Tombstones.Add(key, tombstone);
            parts.Tombstones.TryGet(key, out Tombstone latest);

            // What stays is what the person chose after the erasure (possible only with a clock set back), then its mark.
            IndexEntry[] kept = EntryChanges.AfterErasure(parts.Index.Get(userId), erasedAtMs, latest);
            if (kept.Length > 1)
            {
                parts.Index.Set(userId, kept);
            }
            else
            {
                parts.Index.Remove(userId);
            }

            foreach (string alias in _linked.Where(a => parts.Aliases.Get(a) is { } target
                && string.Equals(target.UserId, userId, StringComparison.Ordinal) && target.OccurredAtMs <= erasedAtMs).ToList())
            {
                parts.Aliases.Remove(alias);
            }

            foreach (StoredEvent stored in _events.Where(e => string.Equals(e.Record.UserId, userId, StringComparison.Ordinal)
                && e.Record.OccurredAt.ToUnixTimeMilliseconds() <= erasedAtMs))
            {
                stored.Scrubbed = true;
            }

            parts.Ledger.Erase(userId);
            _events.Add(new StoredEvent(record, ByCode: false));
            _last = null;
            return record;
        }
    }

    /// <summary>Whether anything is held about the person: gate entries, or an event of theirs not erased.</summary>
    private bool HoldsAnything(string userId) =>
        parts.Index.Contains(userId)
        || _events.Any(e => !e.Scrubbed && e.Record.Kind != EventKind.Erasure && string.Equals(e.Record.UserId, userId, StringComparison.Ordinal));
}
