namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// What the preference centre shows for one purpose, topic or channel, per language: <c>en</c> and <c>zh-CN</c>.
/// A language without a name falls back to the other language's, then to the id.
/// </summary>
public sealed class PreferenceLabel
{
    /// <summary>The display name by language, for example <c>["en"] = "Promotions", ["zh-CN"] = "优惠活动"</c>.</summary>
    public IDictionary<string, string> Name { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A sentence under the name by language (purposes and topics only); optional.</summary>
    public IDictionary<string, string> Description { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
