using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Protocol;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Merges the endpoint's catalog into the local one: what is only remote is added; for ids defined locally the
/// local definition wins and a difference is logged. Invalid remote entries are ignored.
/// </summary>
internal static class CatalogMerger
{
    public static (List<PurposeDefinition> Purposes, List<string> Channels) Merge(
        IEnumerable<PurposeDefinition> localPurposes, IEnumerable<string> localChannels, WireCatalog? remote, ILogger logger)
    {
        var purposes = localPurposes.ToList();
        var channels = localChannels.ToList();
        if (remote is null)
        {
            return (purposes, channels);
        }

        var byId = purposes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (WirePurpose wire in remote.Purposes ?? [])
        {
            if (CatalogRules.ToDefinition(wire) is not { } definition)
            {
                continue;
            }

            if (!byId.TryGetValue(definition.Id, out PurposeDefinition? local))
            {
                purposes.Add(definition);
                byId[definition.Id] = definition;
            }
            else if (!CatalogRules.SameRules(local, definition))
            {
                Log.CatalogConflict(logger, "purpose", definition.Id);
            }
        }

        var known = channels.ToHashSet(StringComparer.Ordinal);
        channels.AddRange((remote.Channels ?? []).Where(c => Identifier.IsValid(c) && known.Add(c)));
        return (purposes, channels);
    }
}
