using Microsoft.Extensions.Configuration;

namespace Cpm.Samples.AspNet;

/// <summary>
/// The sample's own settings, from the configuration section <c>Sample</c> (command line: <c>--Sample:DataFolder=...</c>).
/// </summary>
internal sealed record SampleSettings
{
    /// <summary>Where the app listens unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>The folder of the SQLite files (the app's store, and the embedded server's). Default: a folder under the temp folder.</summary>
    public string DataFolder { get; init; } = Path.Combine(Path.GetTempPath(), "cpm-samples-aspnet");

    /// <summary>The central CPM endpoint; <see langword="null"/> runs the reference server in-process.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The API key sent to <see cref="Endpoint"/>.</summary>
    public string ApiKey { get; init; } = "sample-key";

    /// <summary>How often the campaign sends a round of promotions by SMS.</summary>
    public TimeSpan CampaignInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Reads the <c>Sample</c> section; what it does not name keeps its default.</summary>
    public static SampleSettings From(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection("Sample");
        var defaults = new SampleSettings();
        return new SampleSettings
        {
            DataFolder = section["DataFolder"] is { Length: > 0 } folder ? folder : defaults.DataFolder,
            Endpoint = section["Endpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
            ApiKey = section["ApiKey"] is { Length: > 0 } key ? key : defaults.ApiKey,
            CampaignInterval = section.GetValue("CampaignInterval", defaults.CampaignInterval),
        };
    }
}
