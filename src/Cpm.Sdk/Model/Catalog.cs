using System.Collections.Frozen;
using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Model;

/// <summary>The purposes and channels this instance knows, frozen for allocation-free lookups.</summary>
internal sealed class Catalog
{
    private readonly FrozenDictionary<string, PurposeRule> _purposes;
    private readonly FrozenDictionary<string, int> _channels;

    /// <summary>The jurisdiction symbol of a person with none: no record carries one and no default is set.</summary>
    public const int NoJurisdiction = -1;

    private readonly FrozenDictionary<string, int> _jurisdictions;

    private Catalog(
        FrozenDictionary<string, PurposeRule> purposes, FrozenDictionary<string, int> channels, FrozenDictionary<string, int> jurisdictions, int defaultJurisdiction)
    {
        _purposes = purposes;
        _channels = channels;
        _jurisdictions = jurisdictions;
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
            defaultJurisdiction is null ? NoJurisdiction : jurisdictions[defaultJurisdiction]);
    }

    /// <summary>
    /// The legal basis of <paramref name="rule"/> for a record under <paramref name="jurisdiction"/>: its override for
    /// that jurisdiction, else (no jurisdiction on the record) for the default one, else the purpose's own.
    /// </summary>
    public LegalBasis BasisFor(PurposeRule rule, string? jurisdiction) =>
        rule.BasisFor(jurisdiction is null ? DefaultJurisdiction : _jurisdictions.GetValueOrDefault(jurisdiction, NoJurisdiction));

    /// <summary>The purpose ids, in no particular order.</summary>
    public IEnumerable<string> PurposeIds => _purposes.Keys;

    /// <summary>The concrete channel ids (not the wildcard), in no particular order.</summary>
    public IEnumerable<string> ChannelIds => _channels.Keys;

    public bool TryGetPurpose(string purpose, out PurposeRule rule) => _purposes.TryGetValue(purpose, out rule!);

    /// <summary>Finds a concrete channel; the wildcard is not one.</summary>
    public bool TryGetChannel(string channel, out int symbol) => _channels.TryGetValue(channel, out symbol);

    /// <summary>Whether a capture may name this channel: a known channel or the wildcard.</summary>
    public bool AcceptsCaptureChannel(string channel) =>
        _channels.ContainsKey(channel) || string.Equals(channel, SymbolTable.AllChannelsText, StringComparison.Ordinal);
}
