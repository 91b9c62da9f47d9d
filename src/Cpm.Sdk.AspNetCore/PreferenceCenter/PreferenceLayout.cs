using System.Collections.Frozen;
using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// What the page shows, worked out once from the options and the SDK's catalog: the purposes and topics in page order
/// (every ancestor before its topics), the channels, and the frequencies a person can pick.
/// </summary>
internal sealed class PreferenceLayout
{
    private static readonly FrequencyCap[] DefaultChoices =
        [new(1, FrequencyPeriod.Day), new(1, FrequencyPeriod.Week), new(1, FrequencyPeriod.Month)];

    private readonly FrozenDictionary<string, int> _purposeIndex;
    private readonly FrozenDictionary<string, int> _channelIndex;

    private PreferenceLayout(IReadOnlyList<ShownPurpose> purposes, IReadOnlyList<string> channels, IReadOnlyList<FrequencyCap> choices)
    {
        Purposes = purposes;
        Channels = channels;
        FrequencyChoices = choices;
        _purposeIndex = purposes.Select((p, i) => (p.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _channelIndex = channels.Select((c, i) => (c, i)).ToFrozenDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The purposes and topics in page order: an ancestor always comes before its topics.</summary>
    public IReadOnlyList<ShownPurpose> Purposes { get; }

    /// <summary>The channels, in page order.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>The frequencies offered besides "no limit".</summary>
    public IReadOnlyList<FrequencyCap> FrequencyChoices { get; }

    /// <summary>The index of a shown purpose in <see cref="Purposes"/>, or -1.</summary>
    public int PurposeIndex(string id) => _purposeIndex.GetValueOrDefault(id, -1);

    /// <summary>The index of a shown channel in <see cref="Channels"/>, or -1.</summary>
    public int ChannelIndex(string id) => _channelIndex.GetValueOrDefault(id, -1);

    /// <summary>The index of a purpose × channel in per-cell arrays.</summary>
    public int Cell(int purpose, int channel) => (purpose * Channels.Count) + channel;

    /// <summary>Builds the layout, or returns <see langword="null"/> and adds to <paramref name="problems"/> what is wrong.</summary>
    public static PreferenceLayout? Build(PreferenceCenterOptions options, CpmOptions catalog, List<string> problems)
    {
        var declared = new Dictionary<string, PurposeDefinition>(StringComparer.Ordinal);
        foreach (PurposeDefinition definition in catalog.Purposes)
        {
            declared.TryAdd(definition.Id, definition);
        }

        IEnumerable<string> wanted = options.Purposes.Count > 0
            ? options.Purposes
            : catalog.Purposes.Where(p => p.LegalBasis is not (LegalBasis.Contract or LegalBasis.LegalObligation)).Select(p => p.Id);
        var found = new List<(string Id, PurposeDefinition Definition)>();
        foreach (string id in wanted)
        {
            if (DeclaredAncestorOrSelf(id, declared) is not { } definition)
            {
                problems.Add($"PreferenceCenterOptions.Purposes: '{id}' is neither a declared purpose nor a topic of one.");
            }
            else if (found.Any(f => f.Id == id))
            {
                problems.Add($"PreferenceCenterOptions.Purposes: '{id}' is listed twice.");
            }
            else
            {
                found.Add((id, definition));
            }
        }

        if (found.Count == 0 && problems.Count == 0)
        {
            problems.Add("PreferenceCenterOptions.Purposes: no purpose to show (the catalog has none a person can choose).");
        }

        List<string> channels = ShownChannels(options, catalog, problems);
        IReadOnlyList<FrequencyCap> choices = Choices(options, problems);
        return problems.Count == 0 ? new PreferenceLayout(InPageOrder(found), channels, choices) : null;
    }

    /// <summary>The declared purpose that decides <paramref name="id"/>: itself, or its nearest declared ancestor.</summary>
    private static PurposeDefinition? DeclaredAncestorOrSelf(string id, Dictionary<string, PurposeDefinition> declared)
    {
        if (string.IsNullOrEmpty(id) || id[0] == '.' || id[^1] == '.' || id.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        for (string? current = id; current is not null; current = ParentOf(current))
        {
            if (declared.TryGetValue(current, out PurposeDefinition? definition))
            {
                return definition;
            }
        }

        return null;
    }

    private static string? ParentOf(string id)
    {
        int dot = id.LastIndexOf('.');
        return dot <= 0 ? null : id[..dot];
    }

    /// <summary>Pre-order: each purpose, then (recursively) the shown topics whose nearest shown ancestor it is.</summary>
    private static List<ShownPurpose> InPageOrder(List<(string Id, PurposeDefinition Definition)> found)
    {
        var ids = found.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        string? ShownParent(string id)
        {
            for (string? current = ParentOf(id); current is not null; current = ParentOf(current))
            {
                if (ids.Contains(current))
                {
                    return current;
                }
            }

            return null;
        }

        var ordered = new List<ShownPurpose>(found.Count);
        void Visit(string? parent, int parentIndex, int depth)
        {
            foreach ((string id, PurposeDefinition definition) in found.Where(f => ShownParent(f.Id) == parent))
            {
                ordered.Add(new ShownPurpose(id, depth, parentIndex, definition));
                Visit(id, ordered.Count - 1, depth + 1);
            }
        }

        Visit(null, -1, 0);
        return ordered;
    }

    private static List<string> ShownChannels(PreferenceCenterOptions options, CpmOptions catalog, List<string> problems)
    {
        if (options.Channels.Count == 0)
        {
            return catalog.Channels.Distinct(StringComparer.Ordinal).ToList();
        }

        var channels = new List<string>();
        foreach (string channel in options.Channels)
        {
            if (!catalog.Channels.Contains(channel))
            {
                problems.Add($"PreferenceCenterOptions.Channels: '{channel}' is not a catalog channel.");
            }
            else if (channels.Contains(channel))
            {
                problems.Add($"PreferenceCenterOptions.Channels: '{channel}' is listed twice.");
            }
            else
            {
                channels.Add(channel);
            }
        }

        return channels;
    }

    private static IReadOnlyList<FrequencyCap> Choices(PreferenceCenterOptions options, List<string> problems)
    {
        if (options.FrequencyChoices.Count == 0)
        {
            return DefaultChoices;
        }

        foreach (FrequencyCap cap in options.FrequencyChoices)
        {
            if (cap.MaxSends is < 1 or > FrequencyCap.MaxAllowed || !Enum.IsDefined(cap.Period))
            {
                problems.Add($"PreferenceCenterOptions.FrequencyChoices: {cap.MaxSends} per {(int)cap.Period} is not a valid cap (1 to {FrequencyCap.MaxAllowed} sends a Day, Week or Month).");
            }
        }

        if (options.FrequencyChoices.Distinct().Count() != options.FrequencyChoices.Count)
        {
            problems.Add("PreferenceCenterOptions.FrequencyChoices: a frequency is listed twice.");
        }

        return options.FrequencyChoices.ToArray();
    }
}
