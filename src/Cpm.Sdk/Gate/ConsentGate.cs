using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Model;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Gate;

/// <summary>
/// The gate: catalog lookup, alias and index lookup, decision rules, erasure. Never touches SQLite, never locks, never
/// allocates.
/// </summary>
internal sealed class ConsentGate(Catalog catalog, ConsentIndex index, TimeProvider clock, AliasIndex aliases, Tombstones tombstones)
{
    /// <summary>A gate over a store that holds no alias and no erasure.</summary>
    public ConsentGate(Catalog catalog, ConsentIndex index, TimeProvider clock)
        : this(catalog, index, clock, new AliasIndex(), new Tombstones())
    {
    }

    private volatile Catalog _catalog = catalog;

    public Catalog Catalog
    {
        get => _catalog;
        set => _catalog = value;
    }

    /// <summary>How many users the index holds.</summary>
    public int UserCount => index.UserCount;

    public bool CanUse(string userId, string purpose, string channel) => Evaluate(userId, purpose, channel).IsAllowed;

    public ConsentDecision Evaluate(string userId, string purpose, string channel)
    {
        ConsentDecision decision = Lookup(userId, purpose, channel);
        DecisionCounts.Count(decision.Reason);
        return decision;
    }

    private ConsentDecision Lookup(string userId, string purpose, string channel)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(channel);
        return FindRule(purpose, channel, out Catalog current, out PurposeRule rule, out int channelSymbol) is { } unknown
            ? unknown
            : Decide(userId, rule, channelSymbol, current);
    }

    /// <summary>Looks the purpose and channel up in the current catalog; returns the decision for an unknown one, else null.</summary>
    private ConsentDecision? FindRule(string purpose, string channel, out Catalog current, out PurposeRule rule, out int channelSymbol)
    {
        current = _catalog;
        channelSymbol = 0;
        return !current.TryGetPurpose(purpose, out rule) ? DecisionRules.ForUnknownPurpose()
            : !current.TryGetChannel(channel, out channelSymbol) ? DecisionRules.ForUnknownChannel()
            : null;
    }

    /// <summary>
    /// Decides a send as <see cref="Evaluate"/> does, and says what the send guard counts against: the grant that decided,
    /// with its cap (<see cref="SendContext"/>; <see langword="default"/> when the purpose or channel is unknown).
    /// </summary>
    public ConsentDecision EvaluateForSend(string userId, string purpose, string channel, out SendContext send)
    {
        send = default;
        if (FindRule(purpose, channel, out Catalog current, out PurposeRule rule, out int channelSymbol) is { } unknown)
        {
            return unknown;
        }

        ConsentDecision decision = Decide(userId, rule, channelSymbol, current);
        send = new SendContext(rule, channelSymbol, null, 0, 0);
        if (decision.Reason == DecisionReason.Granted && index.TryGet(userId, out ReadOnlySpan<IndexEntry> entries))
        {
            foreach (ref readonly IndexEntry e in entries)
            {
                // The person's jurisdiction entry shares the id of the record that carried it; it is never the grant.
                if (e.Id == decision.RecordId && e.Purpose >= 0)
                {
                    send = send with { Cap = e.Frequency, CapPurpose = e.Purpose, CapChannel = e.Channel };
                    break;
                }
            }
        }

        return decision;
    }

    public string? Resolve(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return aliases.Resolve(alias);
    }

    public ConsentDecision EvaluateAlias(string alias, string purpose, string channel)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(channel);
        string? userId = aliases.Resolve(alias);
        ConsentDecision decision = userId is null ? DecisionRules.ForUnknownAlias() : Lookup(userId, purpose, channel);
        DecisionCounts.Count(decision.Reason);
        return decision;
    }

    public IEnumerable<string> FilterAliases(IEnumerable<string> candidates, string purpose, string channel)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(channel);
        return FilterAliasesIterator(candidates, purpose, channel);
    }

    private IEnumerable<string> FilterAliasesIterator(IEnumerable<string> candidates, string purpose, string channel)
    {
        if (FindRule(purpose, channel, out Catalog current, out PurposeRule rule, out int channelSymbol) is not null)
        {
            yield break;
        }

        foreach (string alias in candidates)
        {
            if (alias is not null && aliases.Resolve(alias) is { } userId && Counted(Decide(userId, rule, channelSymbol, current)))
            {
                yield return alias;
            }
        }
    }

    /// <summary>Counts a decision of a filter and says whether it allows.</summary>
    private static bool Counted(ConsentDecision decision)
    {
        DecisionCounts.Count(decision.Reason);
        return decision.IsAllowed;
    }

    /// <summary>The rules over the person's entries; an erased person whom nothing since decides is <see cref="DecisionReason.Erased"/>.</summary>
    private ConsentDecision Decide(string userId, PurposeRule rule, int channelSymbol, Catalog current)
    {
        bool known = index.TryGet(userId, out ReadOnlySpan<IndexEntry> entries);
        ConsentDecision decision = DecisionRules.Decide(entries, rule, channelSymbol, clock, current.DefaultJurisdiction);
        return DecisionRules.ErasureApplies(decision)
            && (known ? DecisionRules.IsErased(entries) : tombstones.TryGet(userId, out _))
            ? DecisionRules.ForErased()
            : decision;
    }

    public IEnumerable<string> Filter(IEnumerable<string> userIds, string purpose, string channel)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(channel);
        return FilterIterator(userIds, purpose, channel);
    }

    private IEnumerable<string> FilterIterator(IEnumerable<string> userIds, string purpose, string channel)
    {
        // Resolve the catalog once for the whole audience; an unknown purpose or channel allows nobody.
        if (FindRule(purpose, channel, out Catalog current, out PurposeRule rule, out int channelSymbol) is not null)
        {
            yield break;
        }

        foreach (string userId in userIds)
        {
            if (userId is not null && Counted(Decide(userId, rule, channelSymbol, current)))
            {
                yield return userId;
            }
        }
    }
}
