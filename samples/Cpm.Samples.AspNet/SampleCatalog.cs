using Cpm.ReferenceServer;
using Cpm.Sdk;
using Cpm.Sdk.AspNetCore;

namespace Cpm.Samples.AspNet;

/// <summary>The sample's purposes, topics and channels, the same for the app and the embedded server, and their names on the page.</summary>
internal static class SampleCatalog
{
    /// <summary>The version of the privacy notice the page shows and records.</summary>
    public const int NoticeVersion = 1;

    /// <summary>The channels.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["sms", "email", "wechat", "app-push"];

    /// <summary>The purposes; two topics of marketing are declared so the endpoint knows them too.</summary>
    public static IEnumerable<PurposeDefinition> Purposes()
    {
        yield return new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent, HonorsGpc = true };
        yield return new PurposeDefinition { Id = "marketing.promotions", LegalBasis = LegalBasis.Consent, HonorsGpc = true };
        yield return new PurposeDefinition { Id = "marketing.newsletter", LegalBasis = LegalBasis.Consent, HonorsGpc = true };
        yield return new PurposeDefinition { Id = "service-updates", LegalBasis = LegalBasis.LegitimateInterest };
        yield return new PurposeDefinition { Id = "order-status", LegalBasis = LegalBasis.Contract };   // not on the page: no choice to make
    }

    /// <summary>The SDK's options: the catalog, the store in <paramref name="folder"/>, sync with <paramref name="endpoint"/>.</summary>
    public static void Configure(CpmOptions options, string folder, Uri endpoint, string apiKey)
    {
        options.DatabasePath = Path.Combine(folder, "app.db");
        options.Endpoint = endpoint;
        options.ApiKey = apiKey;
        options.PollWait = TimeSpan.FromSeconds(10);   // long poll: a change made elsewhere arrives as soon as the endpoint has it
        options.RequestTimeout = TimeSpan.FromSeconds(3);
        options.MaxBackoff = TimeSpan.FromSeconds(2);
        options.ShutdownTimeout = TimeSpan.FromSeconds(3);
        foreach (PurposeDefinition purpose in Purposes())
        {
            options.Purposes.Add(purpose);
        }

        foreach (string channel in Channels)
        {
            options.Channels.Add(channel);
        }

        // A business cap on top of each person's own: at most 3 marketing texts a day (the send guard says FrequencyCapped).
        options.FrequencyRules.Add(new FrequencyRule("sms", 3, FrequencyPeriod.Day) { Purpose = "marketing" });
    }

    /// <summary>The embedded reference server: the same catalog, one API key, loopback only, a free port.</summary>
    public static ReferenceServerOptions Server(string folder, string apiKey)
    {
        var options = new ReferenceServerOptions { DatabasePath = Path.Combine(folder, "server.db"), ApiKeys = [apiKey] };
        foreach (PurposeDefinition purpose in Purposes())
        {
            options.Purposes.Add(purpose);
        }

        foreach (string channel in Channels)
        {
            options.Channels.Add(channel);
        }

        return options;
    }

    /// <summary>The preference centre: names in both languages, the notice, the frequencies offered.</summary>
    public static void Configure(PreferenceCenterOptions options)
    {
        options.NoticeVersion = NoticeVersion;
        options.NoticeUrl = "/notice";
        options.Jurisdiction = "PIPL";
        Label(options, "marketing", "Marketing", "营销信息", "News about our products and offers.", "关于我们产品和优惠的资讯。");
        Label(options, "marketing.promotions", "Promotions", "优惠活动", "Sales, coupons and member prices.", "促销、优惠券和会员价。");
        Label(options, "marketing.newsletter", "Newsletter", "新闻通讯", "A monthly letter about what is new.", "每月一封，介绍新内容。");
        Label(options, "service-updates", "Service updates", "服务动态", "Changes to the services you use. You can object.", "您所用服务的变更。您可以反对。");
    }

    private static void Label(PreferenceCenterOptions options, string id, string en, string zh, string enText, string zhText)
    {
        var label = new PreferenceLabel();
        label.Name["en"] = en;
        label.Name["zh-CN"] = zh;
        label.Description["en"] = enText;
        label.Description["zh-CN"] = zhText;
        options.PurposeLabels[id] = label;
    }
}
