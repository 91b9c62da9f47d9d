using Microsoft.Playwright;

namespace Cpm.Sdk.AspNetCore.Tests.Browser;

/// <summary>
/// One headless chromium per test class: the machine's own (<c>/usr/bin/chromium</c>, installed by <c>.ci/run</c>),
/// never a downloaded browser. Each test opens its own context (cookies, downloads) in it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots and downloads go: under the test output folder.</summary>
    public static string ArtifactsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.");
        }

        Directory.CreateDirectory(ArtifactsFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh context: its own cookies, English unless told otherwise, downloads accepted.</summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "en-US") =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });

    public static string Artifact(string name) => Path.Combine(ArtifactsFolder, name);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
