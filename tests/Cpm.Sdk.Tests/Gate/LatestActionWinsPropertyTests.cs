using System.Globalization;
using CsCheck;
using Cpm.Sdk.Gate;
using Microsoft.Extensions.Time.Testing;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>Core rule 4 as a property: applying one set of events in any order gives one state and one set of decisions.</summary>
public sealed class LatestActionWinsPropertyTests
{
    private static readonly string[] Users = ["u1", "u2", "u3"];
    private static readonly string[] Channels = ["sms", "email", "*"];

    // DESIGN.md rule 4, written out independently of the code under test.
    private static readonly Dictionary<ConsentChoice, int> Rank = new()
    {
        [ConsentChoice.Granted] = 0,
        [ConsentChoice.Denied] = 1,
        [ConsentChoice.Withdrawn] = 2,
    };

    // Few distinct timestamps, so exact ties (and tie-breaks on restrictiveness and id) are common.
    private static readonly Gen<(string User, string Channel, ConsentChoice Choice, int Minute, Guid Id)> Event =
        Gen.Select(
            Gen.Int[0, 2].Select(i => Users[i]),
            Gen.Int[0, 2].Select(i => Channels[i]),
            Gen.Enum<ConsentChoice>(),
            Gen.Int[0, 4],
            Gen.Guid);

    [Fact]
    public void Any_permutation_of_events_gives_the_same_state_and_decisions()
    {
        Event.Array[1, 40]
            .SelectMany(events => Gen.Shuffle(events).Select(shuffled => (events, shuffled)))
            .Sample(pair =>
            {
                var (catalog, symbols) = Catalog(LegalBasis.Consent);
                Dictionary<string, IndexEntry[]?> original = Apply(pair.events, symbols);
                Dictionary<string, IndexEntry[]?> permuted = Apply(pair.shuffled, symbols);

                foreach (string user in Users)
                {
                    (original[user] ?? []).Should().BeEquivalentTo(permuted[user] ?? []);
                    foreach (string channel in new[] { "sms", "email" })
                    {
                        Decide(catalog, user, original[user], channel).Should().Be(Decide(catalog, user, permuted[user], channel));
                    }
                }
            }, iter: 2_000);
    }

    private static readonly string[] Topics = ["marketing", "marketing.promotions", "marketing.promotions.summer", "marketing.launches"];

    private static readonly Gen<(string Purpose, string Channel, ConsentChoice Choice, int Minute, Guid Id)> TopicEvent =
        Gen.Select(
            Gen.Int[0, 3].Select(i => Topics[i]),
            Gen.Int[0, 2].Select(i => Channels[i]),
            Gen.Enum<ConsentChoice>(),
            Gen.Int[0, 4],
            Gen.Guid);

    [Fact]
    public void For_topics_any_order_of_events_gives_the_same_decisions_and_the_greatest_record_of_every_ancestor_decides()
    {
        TopicEvent.Array[1, 30]
            .SelectMany(events => Gen.Shuffle(events).Select(shuffled => (events, shuffled)))
            .Sample(pair =>
            {
                var (catalog, symbols) = Catalog(LegalBasis.Consent);
                IndexEntry[]? original = Fold(pair.events.Select(e => TopicEntry(symbols, e)));
                IndexEntry[]? permuted = Fold(pair.shuffled.Select(e => TopicEntry(symbols, e)));
                foreach (string purpose in Topics)
                {
                    foreach (string channel in new[] { "sms", "email" })
                    {
                        ConsentDecision decision = Decide(catalog, "u1", original, channel, purpose);
                        decision.Should().Be(Decide(catalog, "u1", permuted, channel, purpose));

                        // DESIGN.md, written out independently: the greatest event (rule 4) at any ancestor-or-self, at the channel or *.
                        var deciding = pair.events
                            .Where(e => (purpose == e.Purpose || purpose.StartsWith(e.Purpose + ".", StringComparison.Ordinal)) && (e.Channel == channel || e.Channel == "*"))
                            .OrderBy(e => e.Minute)
                            .ThenBy(e => Rank[e.Choice])
                            .ThenBy(e => e.Id.ToString("D", CultureInfo.InvariantCulture), StringComparer.Ordinal)
                            .LastOrDefault();
                        decision.RecordId.Should().Be(deciding.Id == Guid.Empty ? null : deciding.Id);
                        decision.IsAllowed.Should().Be(deciding.Choice == ConsentChoice.Granted && deciding.Id != Guid.Empty);
                    }
                }
            }, iter: 1_000);
    }

    [Fact]
    public void Effective_record_is_the_maximum_by_time_then_restrictiveness_then_id()
    {
        Event.Array[1, 30].Sample(events =>
        {
            var (_, symbols) = Catalog(LegalBasis.Consent);
            IndexEntry[] entries = events.Where(e => e.User == "u1").Select(e => ToEntry(symbols, e)).ToArray();
            IndexEntry[]? folded = Fold(entries);
            foreach (IndexEntry effective in folded ?? [])
            {
                IndexEntry expected = entries.Where(e => e.SameKey(effective))
                    .OrderBy(e => e.OccurredAtMs)
                    .ThenBy(e => Rank[e.Choice])
                    .ThenBy(e => e.Id.ToString("D", CultureInfo.InvariantCulture), StringComparer.Ordinal)
                    .Last();
                effective.Should().Be(expected);
            }
        }, iter: 1_000);
    }

    [Fact]
    public void Id_order_is_big_endian_bytes_and_lowercase_string_order()
    {
        Gen.Select(Gen.Guid, Gen.Guid).Sample((a, b) =>
        {
            int byGuid = Math.Sign(a.CompareTo(b));
            int byBytes = Math.Sign(a.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.ToByteArray(bigEndian: true)));
            int byText = Math.Sign(string.CompareOrdinal(a.ToString("D"), b.ToString("D")));
            return byGuid == byBytes && byBytes == byText;
        }, iter: 10_000);
    }

    private static Dictionary<string, IndexEntry[]?> Apply(
        IEnumerable<(string User, string Channel, ConsentChoice Choice, int Minute, Guid Id)> events, SymbolTable symbols) =>
        Users.ToDictionary(user => user, user => Fold(events.Where(e => e.User == user).Select(e => ToEntry(symbols, e))));

    private static IndexEntry ToEntry(SymbolTable symbols, (string User, string Channel, ConsentChoice Choice, int Minute, Guid Id) e) =>
        Entry(symbols, e.Channel, e.Choice, T0.AddMinutes(e.Minute), id: e.Id);

    private static IndexEntry TopicEntry(SymbolTable symbols, (string Purpose, string Channel, ConsentChoice Choice, int Minute, Guid Id) e) =>
        Entry(symbols, e.Channel, e.Choice, T0.AddMinutes(e.Minute), id: e.Id, purpose: e.Purpose);

    private static ConsentDecision Decide(Sdk.Model.Catalog catalog, string user, IndexEntry[]? entries, string channel, string purpose = "marketing")
    {
        var index = new ConsentIndex();
        if (entries is not null)
        {
            index.Set(user, entries);
        }

        return new ConsentGate(catalog, index, new FakeTimeProvider(T0.AddDays(1))).Evaluate(user, purpose, channel);
    }
}
