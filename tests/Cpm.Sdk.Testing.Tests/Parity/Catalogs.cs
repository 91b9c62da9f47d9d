namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>The catalog of the decision table: one purpose for each rule the gate applies, four channels, two caps, two alias kinds.</summary>
internal static class Catalogs
{
    public static void Base(CpmOptions o)
    {
        o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
        o.Purposes.Add(new PurposeDefinition { Id = "marketing.partners", RequiresSeparateConsent = true });
        o.Purposes.Add(new PurposeDefinition { Id = "newsletter", MinimumPolicyVersion = 2 });
        o.Purposes.Add(new PurposeDefinition { Id = "profiling", Validity = TimeSpan.FromDays(30) });
        o.Purposes.Add(new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest });
        o.Purposes.Add(new PurposeDefinition { Id = "sale", LegalBasis = LegalBasis.OptOut });
        o.Purposes.Add(new PurposeDefinition { Id = "order-status", LegalBasis = LegalBasis.Contract });
        o.Purposes.Add(new PurposeDefinition { Id = "tax-records", LegalBasis = LegalBasis.LegalObligation });
        o.Purposes.Add(new PurposeDefinition { Id = "cross-border", RequiresSeparateConsent = true });
        var ads = new PurposeDefinition { Id = "ads" };
        ads.Jurisdictions["CCPA"] = LegalBasis.OptOut;
        o.Purposes.Add(ads);
        foreach (string channel in new[] { "sms", "email", "wechat", "app-push" })
        {
            o.Channels.Add(channel);
        }

        o.AliasKinds.Add("phone");
        o.AliasKinds.Add("email");
        o.FrequencyRules.Add(new FrequencyRule("sms", 3, FrequencyPeriod.Week));
        o.FrequencyRules.Add(new FrequencyRule("email", 1, FrequencyPeriod.Day) { Purpose = "marketing.promotions" });
    }

    /// <summary>The base catalog, then a scenario's own settings.</summary>
    public static Action<CpmOptions> With(Action<CpmOptions>? configure) => o =>
    {
        Base(o);
        configure?.Invoke(o);
    };
}
