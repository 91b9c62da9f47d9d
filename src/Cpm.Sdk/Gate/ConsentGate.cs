using Cpm.Sdk.Model;

namespace Cpm.Sdk.Gate;

/// <summary>The gate: catalog lookup, index lookup, decision rules. Never touches SQLite, never locks, never allocates.</summary>
internal sealed class ConsentGate(Catalog catalog, ConsentIndex index, TimeProvider clock)
{
    private volatile Catalog _catalog = catalog;

    public Catalog Catalog
    {
        get => _catalog;
        set => _catalog = value;
    }

    public bool CanUse(string userId, string purpose, string channel) => Evaluate(userId, purpose, channel).IsAllowed;

    public ConsentDecision Evaluate(string userId, string purpose, string channel)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(channel);

        Catalog current = _catalog;
        if (!current.TryGetPurpose(purpose, out PurposeRule rule))
        {
            return DecisionRules.ForUnknownPurpose();
        }

        if (!current.TryGetChannel(channel, out int channelSymbol))
        {
            return DecisionRules.ForUnknownChannel();
        }

        return DecisionRules.Decide(index.Get(userId), rule, channelSymbol, clock, current.DefaultJurisdiction);
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
        Catalog current = _catalog;
        if (!current.TryGetPurpose(purpose, out PurposeRule rule) || !current.TryGetChannel(channel, out int channelSymbol))
        {
            yield break;
        }

        foreach (string userId in userIds)
        {
            if (userId is not null && DecisionRules.Decide(index.Get(userId), rule, channelSymbol, clock, current.DefaultJurisdiction).IsAllowed)
            {
                yield return userId;
            }
        }
    }
}
