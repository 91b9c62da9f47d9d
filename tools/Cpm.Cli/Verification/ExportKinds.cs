using Cpm.Sdk;
using Cpm.Sdk.Protocol;

namespace Cpm.Cli.Verification;

/// <summary>How many records of each kind an export held, and how many were scrubbed, for the verdict.</summary>
internal sealed class ExportKinds
{
    /// <summary>The kinds in the order the verdict names them.</summary>
    private static readonly string[] Order = [.. Enum.GetValues<EventKind>().Select(WireFormat.FormatKind)];

    private static readonly string Access = WireFormat.FormatKind(EventKind.Access);
    private static readonly string Export = WireFormat.FormatKind(EventKind.Export);

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _scrubbed;

    public void Count(string kind, bool scrubbed)
    {
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        _scrubbed += scrubbed ? 1 : 0;
    }

    /// <summary>
    /// <c> (8 consent, 2 link, 1 erasure; 3 scrubbed)</c>, or nothing when every record is a consent choice that still
    /// holds its person's data.
    /// </summary>
    public string Breakdown()
    {
        if (_scrubbed == 0 && _counts.Keys.All(kind => kind == WireFormat.ConsentKind))
        {
            return "";
        }

        IEnumerable<string> kinds = _counts.Keys.OrderBy(kind => Array.IndexOf(Order, kind) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(kind => kind, StringComparer.Ordinal)
            .Select(kind => $"{_counts[kind]:N0} {kind}");
        return $" ({string.Join(", ", kinds)}{(_scrubbed == 0 ? "" : $"; {_scrubbed:N0} scrubbed")})";
    }

    /// <summary>What the leaves do not cover, so an auditor knows what the check did not establish.</summary>
    public void Notes(List<string> findings)
    {
        long requests = _counts.GetValueOrDefault(Access) + _counts.GetValueOrDefault(Export);
        if (requests > 0)
        {
            findings.Add($"the leaves of the {requests:N0} access and export requests hold no user id, so the user ids on those lines are not checked");
        }

        if (_scrubbed > 0)
        {
            findings.Add($"{_scrubbed:N0} scrubbed records were checked from their commitments: their person was erased");
        }
    }
}
