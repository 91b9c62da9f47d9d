using Cpm.Sdk;

namespace Cpm.Sdk.Testing.Shared;

/// <summary>A temp folder holding a SQLite store for one test; deleted (with the store) on dispose.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cpm-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "cpm.db");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    /// <summary>The catalog most tests use: one purpose per legal basis, four channels.</summary>
    public CpmOptions Options(TimeProvider? clock = null, Action<CpmOptions>? configure = null)
    {
        var options = new CpmOptions
        {
            DatabasePath = DatabasePath,
            Purposes =
            {
                new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent },
                new PurposeDefinition { Id = "personalisation", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 2 },
                new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest },
                new PurposeDefinition { Id = "order-status", LegalBasis = LegalBasis.Contract },
                new PurposeDefinition { Id = "tax-records", LegalBasis = LegalBasis.LegalObligation },
            },
            Channels = { "sms", "email", "wechat", "app-push" },
            TimeProvider = clock ?? TimeProvider.System,
        };
        configure?.Invoke(options);
        return options;
    }

    public Task<CpmClient> OpenAsync(TimeProvider? clock = null, Action<CpmOptions>? configure = null) =>
        CpmClient.OpenAsync(Options(clock, configure));

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
