using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// Settings of the preference centre mapped by
/// <see cref="PreferenceCenterEndpointRouteBuilderExtensions.MapCpmPreferenceCenter"/>; registered and validated at
/// host start by <see cref="PreferenceCenterServiceCollectionExtensions.AddCpmPreferenceCenter(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PreferenceCenterOptions})"/>.
/// </summary>
public sealed class PreferenceCenterOptions
{
    /// <summary>The configuration section the options bind from by convention.</summary>
    public const string SectionName = "PreferenceCenter";

    /// <summary>The touchpoint every capture names (<see cref="ConsentCapture.Source"/>). Default <c>web</c>.</summary>
    public string Source { get; set; } = "web";

    /// <summary>
    /// The version of the privacy notice the page shows, recorded with every capture
    /// (<see cref="ConsentCapture.PolicyVersion"/>). At least 1, and at least every shown purpose's
    /// <see cref="PurposeDefinition.MinimumPolicyVersion"/>. Default 1.
    /// </summary>
    public int NoticeVersion { get; set; } = 1;

    /// <summary>Where the privacy notice is read: an absolute http(s) URL or a path starting with <c>/</c>. Default none (no link).</summary>
    public string? NoticeUrl { get; set; }

    /// <summary>The page's version, recorded in each capture's evidence as <c>pageVersion</c>. Default <c>cpm-preference-centre/1</c>.</summary>
    public string PageVersion { get; set; } = "cpm-preference-centre/1";

    /// <summary>The jurisdiction recorded with every capture (<see cref="ConsentCapture.Jurisdiction"/>), or <see langword="null"/> for none.</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>
    /// The purposes and topics shown, in order; a topic (a dot path such as <c>marketing.promotions</c>) is shown under
    /// the nearest shown ancestor. Each is a declared purpose or a topic of one. Empty (the default): every declared
    /// purpose whose legal basis leaves the person a choice (not <see cref="LegalBasis.Contract"/> or
    /// <see cref="LegalBasis.LegalObligation"/>), in catalog order.
    /// </summary>
    public IList<string> Purposes { get; } = new List<string>();

    /// <summary>The channels shown, in order; each a catalog channel. Empty (the default): every catalog channel.</summary>
    public IList<string> Channels { get; } = new List<string>();

    /// <summary>
    /// The frequencies a person can choose per channel, besides "no limit". Empty (the default): once a day, once a
    /// week and once a month.
    /// </summary>
    public IList<FrequencyCap> FrequencyChoices { get; } = new List<FrequencyCap>();

    /// <summary>Display names and descriptions of purposes and topics, by purpose id; an id without one shows the id.</summary>
    public IDictionary<string, PreferenceLabel> PurposeLabels { get; } = new Dictionary<string, PreferenceLabel>(StringComparer.Ordinal);

    /// <summary>
    /// Display names of channels, by channel id; <c>sms</c>, <c>email</c>, <c>wechat</c> and <c>app-push</c> have
    /// built-in names, any other channel without one shows its id.
    /// </summary>
    public IDictionary<string, PreferenceLabel> ChannelLabels { get; } = new Dictionary<string, PreferenceLabel>(StringComparer.Ordinal);

    /// <summary>
    /// The page's language when neither the <c>lang</c> query nor the language cookie nor <c>Accept-Language</c>
    /// names a supported one: <c>en</c> (the default) or <c>zh-CN</c>.
    /// </summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>The cookie that remembers the language a person switched to. Default <c>.Cpm.Language</c>.</summary>
    public string LanguageCookieName { get; set; } = ".Cpm.Language";
}
