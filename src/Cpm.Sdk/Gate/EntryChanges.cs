using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Gate;

/// <summary>
/// How a consent choice changes a person's entries in the gate index (rule 4 per key, the person's jurisdiction, the mark
/// of an erasure they came back from): pure functions over the person's array, shared by the store writer, which mirrors
/// each change in the store, and the in-memory test doubles (<c>Cpm.Sdk.Testing</c>), so both hold the same entries.
/// </summary>
internal static class EntryChanges
{
    /// <summary>What a choice changed, for the store writer to mirror in the store.</summary>
    [Flags]
    public enum Effects
    {
        /// <summary>Nothing: the choice lost to the record at its key, and carried no jurisdiction that moved the person.</summary>
        None = 0,

        /// <summary>The person had no entries before.</summary>
        NewPerson = 1,

        /// <summary>The person comes back after an erasure: their entries start with its mark.</summary>
        ErasureMark = 2,

        /// <summary>The choice is the effective record at its key now.</summary>
        State = 4,

        /// <summary>The choice sets the person's jurisdiction now.</summary>
        Jurisdiction = 8,
    }

    /// <summary>The entry a consent record becomes.</summary>
    public static IndexEntry EntryOf(ConsentRecord record, SymbolTable symbols) => new(
        record.Id,
        record.OccurredAt.ToUnixTimeMilliseconds(),
        record.ExpiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
        symbols.Intern(record.Purpose),
        symbols.Intern(record.Channel),
        record.PolicyVersion,
        record.Choice,
        record.Separate,
        record.Frequency?.Pack() ?? 0);

    /// <summary>
    /// The person's entries after the consent record whose entry is <paramref name="entry"/> (<see cref="EntryOf"/>), or
    /// <see langword="null"/> when it changes nothing: the record replaces the one at its key only when it is greater by
    /// rule 4, and moves the person's jurisdiction only when it carries one and is greater than the record that set it.
    /// </summary>
    /// <param name="current">The person's entries now; <see langword="null"/> when the index does not hold them.</param>
    /// <param name="record">The consent record.</param>
    /// <param name="entry">The record's entry.</param>
    /// <param name="cameBackFrom">The erasure a person the index does not hold comes back from: the record occurred after it.</param>
    /// <param name="symbols">Interns the record's jurisdiction.</param>
    /// <param name="effects">What changed.</param>
    public static IndexEntry[]? ApplyChoice(
        IndexEntry[]? current, ConsentRecord record, in IndexEntry entry, Tombstone? cameBackFrom, SymbolTable symbols, out Effects effects)
    {
        effects = Effects.None;
        IndexEntry[]? changed = null;
        if (current is null)
        {
            effects |= Effects.NewPerson;
            if (cameBackFrom is { } erasure)
            {
                // Back after an erasure: mark it, so the gate knows the person's records all occurred since.
                effects |= Effects.ErasureMark;
                current = changed = [IndexEntry.ForErasure(erasure.EventId, erasure.ErasedAtMs)];
            }
        }

        if (ConsentIndex.Apply(current, entry) is { } next)
        {
            effects |= Effects.State;
            current = changed = next;
        }

        // The latest record that carries a jurisdiction sets the person's, under the same order (rule 4).
        if (record.Jurisdiction is { } jurisdiction && ConsentIndex.Apply(current, IndexEntry.ForJurisdiction(
                record.Id, entry.OccurredAtMs, record.Choice, symbols.Intern(jurisdiction))) is { } moved)
        {
            effects |= Effects.Jurisdiction;
            changed = moved;
        }

        return changed;
    }

    /// <summary>
    /// The entries of a person erased at <paramref name="erasedAtMs"/> who chose again after it (a choice that arrived
    /// before the erasure did): those that occurred after it, then the mark of <paramref name="latest"/>, the latest
    /// erasure of theirs.
    /// </summary>
    public static IndexEntry[] AfterErasure(IndexEntry[]? entries, long erasedAtMs, Tombstone latest) =>
        [.. (entries ?? []).Where(e => e.Purpose != IndexEntry.ErasureKey && e.OccurredAtMs > erasedAtMs), IndexEntry.ForErasure(latest.EventId, latest.ErasedAtMs)];

    /// <summary>The erasure a person came back from, as the mark among their entries says (<see cref="IndexEntry.ErasureKey"/>), if any.</summary>
    public static Tombstone? ErasureMark(ReadOnlySpan<IndexEntry> entries)
    {
        foreach (ref readonly IndexEntry e in entries)
        {
            if (e.Purpose == IndexEntry.ErasureKey)
            {
                return new Tombstone(e.Id, e.OccurredAtMs);
            }
        }

        return null;
    }
}
