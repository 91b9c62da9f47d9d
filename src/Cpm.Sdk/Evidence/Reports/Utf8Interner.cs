using System.Text;

namespace Cpm.Sdk.Evidence.Reports;

/// <summary>
/// Gives each distinct UTF-8 value (purposes, channels, sources, jurisdictions: a few dozen at most) a small number,
/// so a million rows are counted without a string per row; each value becomes a string once.
/// </summary>
internal sealed class Utf8Interner
{
    private readonly Dictionary<int, List<int>> _idsByHash = [];
    private readonly List<(byte[] Utf8, string Text)> _values = [];

    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        int key = hash.ToHashCode();
        if (_idsByHash.TryGetValue(key, out List<int>? ids))
        {
            foreach (int id in ids)
            {
                if (utf8.SequenceEqual(_values[id].Utf8))
                {
                    return id;
                }
            }
        }
        else
        {
            _idsByHash[key] = ids = [];
        }

        _values.Add((utf8.ToArray(), Encoding.UTF8.GetString(utf8)));
        ids.Add(_values.Count - 1);
        return _values.Count - 1;
    }

    public string Text(int id) => _values[id].Text;
}
