namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The names the page shows for purposes and channels: the configured label, a built-in channel name, or the id.</summary>
internal sealed class DisplayNames(PreferenceCenterOptions options)
{
    private static readonly Dictionary<string, (string En, string Zh)> BuiltInChannels = new(StringComparer.Ordinal)
    {
        ["sms"] = ("SMS", "短信"),
        ["email"] = ("Email", "电子邮件"),
        ["wechat"] = ("WeChat", "微信"),
        ["app-push"] = ("App notifications", "App 推送"),
    };

    public string Purpose(string id, string language) => Pick(options.PurposeLabels, id, language, l => l.Name) ?? id;

    public string? PurposeDescription(string id, string language) => Pick(options.PurposeLabels, id, language, l => l.Description);

    public string Channel(string id, string language) =>
        Pick(options.ChannelLabels, id, language, l => l.Name)
        ?? (BuiltInChannels.TryGetValue(id, out (string En, string Zh) name) ? (language == PageLanguage.Chinese ? name.Zh : name.En) : id);

    private static string? Pick(
        IDictionary<string, PreferenceLabel> labels, string id, string language, Func<PreferenceLabel, IDictionary<string, string>> texts)
    {
        if (!labels.TryGetValue(id, out PreferenceLabel? label) || label is null)
        {
            return null;
        }

        IDictionary<string, string> byLanguage = texts(label);
        if (byLanguage.TryGetValue(language, out string? text) && !string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        return PageLanguage.Supported.Select(other => byLanguage.TryGetValue(other, out string? t) ? t : null)
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
    }
}
