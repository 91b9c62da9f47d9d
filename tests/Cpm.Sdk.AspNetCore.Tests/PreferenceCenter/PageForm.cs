using System.Net;
using System.Text.RegularExpressions;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// One form of a page as a browser would submit it: hidden inputs, ticked checkboxes, selected options, in page order.
/// Tests tick, untick, select, or tamper with it (add, replace or remove fields) before posting.
/// </summary>
internal sealed partial class PageForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public string Action { get; private init; } = "";

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Reads the form with <paramref name="id"/> from <paramref name="html"/>.</summary>
    public static PageForm Read(string html, string id)
    {
        Match form = FormRegex().Matches(html).First(m => Attributes(m.Groups[1].Value).GetValueOrDefault("id") == id);
        var result = new PageForm { Action = Attributes(form.Groups[1].Value)["action"] };
        string body = form.Groups[2].Value;
        foreach (Match control in ControlRegex().Matches(body))
        {
            bool select = control.Groups[1].Success;
            Dictionary<string, string> attributes = Attributes(control.Groups[select ? 2 : 5].Value);
            if (!attributes.TryGetValue("name", out string? name))
            {
                continue;
            }

            if (select)
            {
                Match selected = SelectedRegex().Match(control.Groups[3].Value);
                result._fields.Add(new(name, WebUtility.HtmlDecode(selected.Groups[1].Value)));
            }
            else if (attributes.GetValueOrDefault("type") != "checkbox" || attributes.ContainsKey("checked"))
            {
                result._fields.Add(new(name, attributes.GetValueOrDefault("value") ?? ""));
            }
        }

        return result;
    }

    public string? Value(string name) => _fields.FirstOrDefault(f => f.Key == name).Value;

    public bool Has(string name) => _fields.Any(f => f.Key == name);

    public PageForm Tick(string purpose, string channel) => Remove($"on:{purpose}:{channel}").Add($"on:{purpose}:{channel}", "1");

    public PageForm Untick(string purpose, string channel) => Remove($"on:{purpose}:{channel}");

    public PageForm Select(string channel, string value) => Set($"freq:{channel}", value);

    public PageForm Set(string name, string value) => Remove(name).Add(name, value);

    public PageForm Add(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public PageForm Remove(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public FormUrlEncodedContent Content() => new(_fields);

    private static Dictionary<string, string> Attributes(string text) =>
        AttributeRegex().Matches(text).ToDictionary(
            m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Success ? m.Groups[2].Value : ""), StringComparer.Ordinal);

    [GeneratedRegex("<form([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<(select)([^>]*)>(.*?)</select>|<(input)([^>]*)>", RegexOptions.Singleline)]
    private static partial Regex ControlRegex();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected", RegexOptions.Singleline)]
    private static partial Regex SelectedRegex();

    [GeneratedRegex("([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")]
    private static partial Regex AttributeRegex();
}
