using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>
/// How a consent choice changes a person's entries: what the store writer mirrors in the store and the test doubles hold
/// in memory. Rule 4 per key, the person's jurisdiction by the same order, and the mark of an erasure they came back from.
/// </summary>
public sealed class EntryChangesTests
{
    private static readonly DateTimeOffset T0 = Entries.T0;

    [Fact]
    public void A_first_choice_makes_a_new_person_with_its_entry_and_the_jurisdiction_it_carries()
    {
        var symbols = new SymbolTable();
        ConsentRecord grant = Record("marketing", "sms", ConsentChoice.Granted, T0) with { Jurisdiction = "GDPR", Frequency = new FrequencyCap(2, FrequencyPeriod.Week) };

        IndexEntry entry = EntryChanges.EntryOf(grant, symbols);
        IndexEntry[]? entries = EntryChanges.ApplyChoice(null, grant, entry, cameBackFrom: null, symbols, out EntryChanges.Effects effects);

        effects.Should().Be(EntryChanges.Effects.NewPerson | EntryChanges.Effects.State | EntryChanges.Effects.Jurisdiction);
        entries.Should().HaveCount(2);
        entries![0].Should().Be(entry);
        entry.Frequency.Should().Be(new FrequencyCap(2, FrequencyPeriod.Week));
        entry.Purpose.Should().Be(symbols.Find("marketing"));
        entry.Channel.Should().Be(symbols.Find("sms"));
        DecisionRules.JurisdictionOf(entries, Sdk.Model.Catalog.NoJurisdiction).Should().Be(symbols.Find("GDPR"));
    }

    [Fact]
    public void An_older_choice_at_a_held_key_changes_nothing_and_a_newer_one_replaces_it()
    {
        var symbols = new SymbolTable();
        ConsentRecord withdrawal = Record("marketing", "*", ConsentChoice.Withdrawn, T0.AddMinutes(1));
        IndexEntry[] held = EntryChanges.ApplyChoice(null, withdrawal, EntryChanges.EntryOf(withdrawal, symbols), null, symbols, out _)!;

        ConsentRecord older = Record("marketing", "*", ConsentChoice.Granted, T0);
        EntryChanges.ApplyChoice(held, older, EntryChanges.EntryOf(older, symbols), null, symbols, out EntryChanges.Effects none).Should().BeNull();
        none.Should().Be(EntryChanges.Effects.None);

        ConsentRecord newer = Record("marketing", "*", ConsentChoice.Granted, T0.AddMinutes(2));
        IndexEntry[]? replaced = EntryChanges.ApplyChoice(held, newer, EntryChanges.EntryOf(newer, symbols), null, symbols, out EntryChanges.Effects state);
        state.Should().Be(EntryChanges.Effects.State);
        replaced.Should().ContainSingle().Which.Id.Should().Be(newer.Id);
        held.Should().ContainSingle().Which.Id.Should().Be(withdrawal.Id, "the held array is never changed in place");
    }

    [Fact]
    public void An_older_record_with_a_jurisdiction_does_not_move_the_person_but_a_later_one_does_even_when_it_loses_at_its_key()
    {
        var symbols = new SymbolTable();
        ConsentRecord pipl = Record("marketing", "sms", ConsentChoice.Granted, T0.AddMinutes(5)) with { Jurisdiction = "PIPL" };
        IndexEntry[] held = EntryChanges.ApplyChoice(null, pipl, EntryChanges.EntryOf(pipl, symbols), null, symbols, out _)!;

        ConsentRecord olderCcpa = Record("analytics", "sms", ConsentChoice.Granted, T0) with { Jurisdiction = "CCPA" };
        IndexEntry[]? afterOlder = EntryChanges.ApplyChoice(held, olderCcpa, EntryChanges.EntryOf(olderCcpa, symbols), null, symbols, out EntryChanges.Effects older);
        older.Should().Be(EntryChanges.Effects.State, "a new key, but not the latest jurisdiction");
        DecisionRules.JurisdictionOf(afterOlder, -1).Should().Be(symbols.Find("PIPL"));

        ConsentRecord laterLoser = Record("marketing", "sms", ConsentChoice.Granted, T0.AddMinutes(6)) with { Jurisdiction = "GDPR" };
        ConsentRecord laterWinner = Record("marketing", "sms", ConsentChoice.Withdrawn, T0.AddMinutes(7));
        IndexEntry[] withdrawn = EntryChanges.ApplyChoice(afterOlder, laterWinner, EntryChanges.EntryOf(laterWinner, symbols), null, symbols, out _)!;
        IndexEntry[]? moved = EntryChanges.ApplyChoice(withdrawn, laterLoser, EntryChanges.EntryOf(laterLoser, symbols), null, symbols, out EntryChanges.Effects jurisdiction);
        jurisdiction.Should().Be(EntryChanges.Effects.Jurisdiction);
        DecisionRules.JurisdictionOf(moved, -1).Should().Be(symbols.Find("GDPR"));
    }

    [Fact]
    public void A_person_back_after_an_erasure_starts_with_its_mark_and_the_mark_is_found_again()
    {
        var symbols = new SymbolTable();
        var erasure = new Tombstone(Guid.CreateVersion7(T0), T0.ToUnixTimeMilliseconds());
        ConsentRecord grant = Record("marketing", "*", ConsentChoice.Granted, T0.AddSeconds(1));

        IndexEntry[]? entries = EntryChanges.ApplyChoice(null, grant, EntryChanges.EntryOf(grant, symbols), erasure, symbols, out EntryChanges.Effects effects);

        effects.Should().Be(EntryChanges.Effects.NewPerson | EntryChanges.Effects.ErasureMark | EntryChanges.Effects.State);
        entries.Should().HaveCount(2);
        DecisionRules.IsErased(entries).Should().BeTrue();
        EntryChanges.ErasureMark(entries).Should().Be(erasure);
        EntryChanges.ErasureMark(entries!.Where(e => e.Purpose != IndexEntry.ErasureKey).ToArray()).Should().BeNull();
    }

    [Fact]
    public void A_held_person_never_gets_a_mark_whatever_erasure_is_passed()
    {
        var symbols = new SymbolTable();
        ConsentRecord first = Record("marketing", "sms", ConsentChoice.Granted, T0);
        IndexEntry[] held = EntryChanges.ApplyChoice(null, first, EntryChanges.EntryOf(first, symbols), null, symbols, out _)!;
        ConsentRecord second = Record("marketing", "email", ConsentChoice.Granted, T0.AddSeconds(1));

        IndexEntry[]? entries = EntryChanges.ApplyChoice(held, second, EntryChanges.EntryOf(second, symbols), new Tombstone(Guid.NewGuid(), 1), symbols, out EntryChanges.Effects effects);

        effects.Should().Be(EntryChanges.Effects.State);
        EntryChanges.ErasureMark(entries).Should().BeNull();
    }

    [Fact]
    public void After_an_erasure_only_what_occurred_since_stays_with_the_latest_erasure_marked()
    {
        var symbols = new SymbolTable();
        var first = new Tombstone(Guid.CreateVersion7(T0), T0.ToUnixTimeMilliseconds());
        ConsentRecord before = Record("marketing", "sms", ConsentChoice.Granted, T0.AddSeconds(1)) with { Jurisdiction = "GDPR" };
        IndexEntry[] held = EntryChanges.ApplyChoice(null, before, EntryChanges.EntryOf(before, symbols), first, symbols, out _)!;
        ConsentRecord after = Record("marketing", "email", ConsentChoice.Granted, T0.AddSeconds(3));
        held = EntryChanges.ApplyChoice(held, after, EntryChanges.EntryOf(after, symbols), null, symbols, out _)!;
        var second = new Tombstone(Guid.CreateVersion7(T0.AddSeconds(2)), T0.AddSeconds(2).ToUnixTimeMilliseconds());

        IndexEntry[] kept = EntryChanges.AfterErasure(held, second.ErasedAtMs, second);

        kept.Select(e => e.Id).Should().Equal(after.Id, second.EventId);
        EntryChanges.ErasureMark(kept).Should().Be(second);
        EntryChanges.AfterErasure(null, second.ErasedAtMs, second).Should().ContainSingle().Which.Purpose.Should().Be(IndexEntry.ErasureKey);
    }

    private static ConsentRecord Record(string purpose, string channel, ConsentChoice choice, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = "alice",
        Purpose = purpose,
        Channel = channel,
        Choice = choice,
        PolicyVersion = 1,
        Source = "api",
        OccurredAt = at,
        RecordedAt = at,
        Origin = "test",
    };
}
