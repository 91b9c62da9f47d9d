using System.Collections.Concurrent;
using System.Collections.Frozen;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Model;

/// <summary>The purposes and channels this instance knows, frozen for allocation-free lookups.</summary>
internal sealed class Catalog
{
    private readonly FrozenDictionary<string, PurposeRule> _purposes;
    private readonly FrozenDictionary<string, int> _channels;

    /// <summary>The jurisdiction symbol of a person with none: no record carries one and no default is set.</summary>
    public const int NoJurisdiction = -1;

    /// <summary>How many undeclared topics a catalog remembers; beyond them, a topic's rule is worked out at each call.</summary>
    internal const int MaxRememberedTopics = 4_096;

    private readonly FrozenDictionary<string, int> _jurisdictions;
    private readonly FrozenDictionary<string, PurposeRule>.AlternateLookup<ReadOnlySpan<char>> _declared;
    private readonly ConcurrentDictionary<string, PurposeRule> _topics = new(StringComparer.Ordinal);
    private readonly SymbolTable _symbols;

    private Catalog(
        FrozenDictionary<string, PurposeRule> purposes,
        FrozenDictionary<string, int> channels,
        FrozenDictionary<string, int> jurisdictions,
        int defaultJurisdiction,
        SymbolTable symbols)
    {
        _purposes = purposes;
        _declared = purposes.GetAlternateLookup<ReadOnlySpan<char>>();
        _channels = channels;
        _jurisdictions = jurisdictions;
        _symbols = symbols;
        DefaultJurisdiction = defaultJurisdiction;
    }

    /// <summary>
    /// The symbol of <see cref="CpmOptions.DefaultJurisdiction"/>, or <see cref="NoJurisdiction"/>: the jurisdiction
    /// of a person none of whose records carries one.
    /// </summary>
    public int DefaultJurisdiction { get; }

    /// <summary>Builds the catalog from validated options, interning every id (jurisdictions included).</summary>
    public static Catalog Create(
        IEnumerable<PurposeDefinition> purposes, IEnumerable<string> channels, SymbolTable symbols, string? defaultJurisdiction = null)
    {
        var purposeRules = purposes.ToDictionary(
            p => p.Id,
            p => new PurposeRule(
                symbols.Intern(p.Id),
                p.LegalBasis,
                p.MinimumPolicyVersion,
                p.Validity is { } validity ? (long)validity.TotalMilliseconds : 0)
            {
                Lineage = LineageOf(p.Id, symbols.Intern),
                RequiresSeparateConsent = p.RequiresSeparateConsent,
                Jurisdictions = [.. p.Jurisdictions.Select(j => (symbols.Intern(j.Key), j.Value))],
            },
            StringComparer.Ordinal);
        var channelIds = channels.Distinct(StringComparer.Ordinal).ToDictionary(c => c, symbols.Intern, StringComparer.Ordinal);
        var jurisdictions = purposes.SelectMany(p => p.Jurisdictions.Keys).Append(defaultJurisdiction).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToFrozenDictionary(j => j, symbols.Intern, StringComparer.Ordinal);
        return new Catalog(
            purposeRules.ToFrozenDictionary(StringComparer.Ordinal),
            channelIds.ToFrozenDictionary(StringComparer.Ordinal),
            jurisdictions,
            defaultJurisdiction is null ? NoJurisdiction : jurisdictions[defaultJurisdiction],
            symbols)
        {
            Definitions = [.. purposes.Select(p => p.Copy())],
            Channels = [.. channelIds.Keys],
        };
    }

    /// <summary>Copies of the definitions the catalog was built from, in the order given (local first, then remote).</summary>
    public IReadOnlyList<PurposeDefinition> Definitions { get; private init; } = [];

    /// <summary>The concrete channel ids, in the order given.</summary>
    public IReadOnlyList<string> Channels { get; private init; } = [];

    /// <summary>
    /// The legal basis of <paramref name="rule"/> for a record under <paramref name="jurisdiction"/>: its override for
    /// that jurisdiction, else (no jurisdiction on the record) for the default one, else the purpose's own.
    /// </summary>
    public LegalBasis BasisFor(PurposeRule rule, string? jurisdiction) =>
        rule.BasisFor(jurisdiction is null ? DefaultJurisdiction : _jurisdictions.GetValueOrDefault(jurisdiction, NoJurisdiction));

    /// <summary>The purpose ids, in no particular order.</summary>
    public IEnumerable<string> PurposeIds => _purposes.Keys;

    /// <summary>Whether <paramref name="purpose"/> is declared itself, not only a topic under a declared purpose.</summary>
    public bool IsDeclared(string purpose) => _purposes.ContainsKey(purpose);

    /// <summary>The concrete channel ids (not the wildcard), in no particular order.</summary>
    public IEnumerable<string> ChannelIds => _channels.Keys;

    /// <summary>
    /// The rule of a declared purpose, or of a topic under one (<c>marketing.promotions</c> when only <c>marketing</c> is
    /// declared): the nearest declared ancestor's rule, for the topic's own id and lineage. Allocates nothing once a
    /// topic has been seen.
    /// </summary>
    public bool TryGetPurpose(string purpose, out PurposeRule rule)
    {
        if (_purposes.TryGetValue(purpose, out rule!) || _topics.TryGetValue(purpose, out rule!))
        {
            return true;
        }

        return TryDeriveTopic(purpose, out rule);
    }

    private bool TryDeriveTopic(string purpose, out PurposeRule rule)
    {
        rule = null!;
        if (!Identifier.IsValid(purpose) || !PurposePath.IsPath(purpose))
        {
            return false;
        }

        PurposeRule? declared = null;
        for (ReadOnlySpan<char> ancestor = PurposePath.Parent(purpose); !ancestor.IsEmpty && declared is null; ancestor = PurposePath.Parent(ancestor))
        {
            _declared.TryGetValue(ancestor, out declared);
        }

        if (declared is null)
        {
            return false;
        }

        // Remembered topics get symbols, so a record captured at one later is found by its lineage; past the limit, a
        // topic nobody captured yet has no symbol (SymbolTable.None), which no record carries.
        bool remember = _topics.Count < MaxRememberedTopics;
        Func<string, int> symbolOf = remember ? _symbols.Intern : _symbols.Find;
        rule = declared with { Symbol = symbolOf(purpose), Lineage = LineageOf(purpose, symbolOf) };
        if (remember)
        {
            rule = _topics.GetOrAdd(purpose, rule);
        }

        return true;
    }

    /// <summary>The symbols of <paramref name="purpose"/> and of each of its ancestors, nearest first.</summary>
    private static int[] LineageOf(string purpose, Func<string, int> symbolOf)
    {
        var lineage = new List<int>(4) { symbolOf(purpose) };
        for (ReadOnlySpan<char> ancestor = PurposePath.Parent(purpose); !ancestor.IsEmpty; ancestor = PurposePath.Parent(ancestor))
        {
            lineage.Add(symbolOf(ancestor.ToString()));
        }

        return [.. lineage];
    }

    /// <summary>Finds a concrete channel; the wildcard is not one.</summary>
    public bool TryGetChannel(string channel, out int symbol) => _channels.TryGetValue(channel, out symbol);

    /// <summary>Whether a capture may name this channel: a known channel or the wildcard.</summary>
    public bool AcceptsCaptureChannel(string channel) =>
        _channels.ContainsKey(channel) || string.Equals(channel, SymbolTable.AllChannelsText, StringComparison.Ordinal);
}
