using System.Collections.Frozen;
using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Model;

/// <summary>The purposes and channels this instance knows, frozen for allocation-free lookups.</summary>
internal sealed class Catalog
{
    private readonly FrozenDictionary<string, PurposeRule> _purposes;
    private readonly FrozenDictionary<string, int> _channels;

    private Catalog(FrozenDictionary<string, PurposeRule> purposes, FrozenDictionary<string, int> channels)
    {
        _purposes = purposes;
        _channels = channels;
    }

    /// <summary>Builds the catalog from validated options, interning every id.</summary>
    public static Catalog Create(IEnumerable<PurposeDefinition> purposes, IEnumerable<string> channels, SymbolTable symbols)
    {
        var purposeRules = purposes.ToDictionary(
            p => p.Id,
            p => new PurposeRule(
                symbols.Intern(p.Id),
                p.LegalBasis,
                p.MinimumPolicyVersion,
                p.Validity is { } validity ? (long)validity.TotalMilliseconds : 0),
            StringComparer.Ordinal);
        var channelIds = channels.Distinct(StringComparer.Ordinal).ToDictionary(c => c, symbols.Intern, StringComparer.Ordinal);
        return new Catalog(purposeRules.ToFrozenDictionary(StringComparer.Ordinal), channelIds.ToFrozenDictionary(StringComparer.Ordinal));
    }

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
