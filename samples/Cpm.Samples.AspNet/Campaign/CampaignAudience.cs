using System.Collections.Concurrent;

namespace Cpm.Samples.AspNet.Campaign;

/// <summary>The people the campaign targets: here, everyone who signed in since the app started.</summary>
internal sealed class CampaignAudience
{
    private readonly ConcurrentDictionary<string, byte> _users = new(StringComparer.Ordinal);

    public void Add(string userId) => _users.TryAdd(userId, 0);

    public IReadOnlyList<string> Snapshot() => [.. _users.Keys.Order(StringComparer.Ordinal)];
}
