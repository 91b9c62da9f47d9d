using Cpm.ReferenceServer;
using Cpm.Sdk;

namespace Cpm.Samples.Quickstart;

/// <summary>The sample's purposes and channels, and the options built from them: the same every time a store opens.</summary>
internal static class Catalog
{
    /// <summary>The channels every instance and the server know.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["sms", "email", "wechat", "app-push"];

    /// <summary>The purposes; marketing needs notice v2, personalisation lasts a year.</summary>
    public static IEnumerable<PurposeDefinition> Purposes()
    {
        yield return new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 2 };
        yield return new PurposeDefinition { Id = "personalisation", LegalBasis = LegalBasis.Consent, Validity = TimeSpan.FromDays(365) };
        yield return new PurposeDefinition { Id = "service-updates", LegalBasis = LegalBasis.LegitimateInterest };
        yield return new PurposeDefinition { Id = "order-status", LegalBasis = LegalBasis.Contract };
    }

    /// <summary>An offline-only instance on <paramref name="path"/>: no Endpoint, so nothing syncs.</summary>
    public static CpmOptions Offline(string path)
    {
        var options = new CpmOptions
        {
            DatabasePath = path,
            Controller = new DataController { Name = "Example Retail Ltd.", Email = "privacy@example.com", Address = "1 Example Road, Shanghai" },
        };
        foreach (PurposeDefinition purpose in Purposes())
        {
            options.Purposes.Add(purpose);
        }

        foreach (string channel in Channels)
        {
            options.Channels.Add(channel);
        }

        options.AliasKinds.Add("phone");   // people are also addressed by phone number and email address
        options.AliasKinds.Add("email");
        return options;
    }

    /// <summary>An instance that syncs with <paramref name="endpoint"/>, with timings short enough for a demo.</summary>
    public static CpmOptions Synced(string path, Uri endpoint, string apiKey)
    {
        CpmOptions options = Offline(path);
        options.Endpoint = endpoint;
        options.ApiKey = apiKey;
        options.PollWait = TimeSpan.FromSeconds(5);        // long poll: a remote change arrives as soon as the server has it
        options.RequestTimeout = TimeSpan.FromSeconds(2);
        options.MaxBackoff = TimeSpan.FromSeconds(1);      // retry an unreachable server at least once a second
        options.ShutdownTimeout = TimeSpan.FromSeconds(3);
        return options;
    }

    /// <summary>The reference server's settings: the same catalog, one API key, loopback only.</summary>
    public static ReferenceServerOptions Server(string databasePath, string url, string apiKey)
    {
        var options = new ReferenceServerOptions { DatabasePath = databasePath, Url = url, ApiKeys = [apiKey] };
        foreach (PurposeDefinition p in Purposes())
        {
            options.Purposes.Add(p);
        }

        foreach (string channel in Channels)
        {
            options.Channels.Add(channel);
        }

        return options;
    }
}
