using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.Tracking;

/// <summary>Tracking consent's options: checked at host start, and a purpose the catalog lacks is said once in the log.</summary>
public sealed class TrackingOptionsTests
{
    public static TheoryData<string, string, string, Action<CpmTrackingConsentOptions>?, string> BadOptions => new()
    {
        { "empty purpose", "", "web", null, "CpmTrackingConsentOptions.Purpose" },
        { "purpose with capitals", "Tracking", "web", null, "CpmTrackingConsentOptions.Purpose" },
        { "wildcard channel", "tracking", "*", null, "CpmTrackingConsentOptions.Channel" },
        { "bad source", "tracking", "web", o => o.Source = "Web Site", "CpmTrackingConsentOptions.Source" },
        { "policy version 0", "tracking", "web", o => o.PolicyVersion = 0, "CpmTrackingConsentOptions.PolicyVersion" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_option_fails_host_start_naming_it(string name, string purpose, string channel, Action<CpmTrackingConsentOptions>? configure, string option)
    {
        using var store = new TempStore();

        Func<Task> start = () => TestSite.StartAsync(store, s => s.AddCpmTrackingConsent(purpose, channel, configure), app => app.UseCpmTrackingConsent());

        (await start.Should().ThrowAsync<OptionsValidationException>(name)).Which.Message.Should().Contain(option, name);
    }

    [Fact]
    public void Valid_options_validate_as_a_success()
    {
        var options = new CpmTrackingConsentOptions { Purpose = "tracking", Channel = "web" };

        ValidateOptionsResult result = new Cpm.Sdk.AspNetCore.Tracking.TrackingOptionsValidation().Validate(null, options);

        result.Succeeded.Should().BeTrue();
        result.Failed.Should().BeFalse();
    }

    [Fact]
    public async Task A_purpose_missing_from_the_catalog_drops_the_cookies_and_says_so_once_in_the_log()
    {
        using var store = new TempStore();
        await using TestSite site = await TestSite.StartAsync(
            store, s => s.AddCpmTrackingConsent("tracking", "web"), app => { app.UseCpmTrackingConsent(); TrackingConsentTests.MapVisit(app); });

        (IReadOnlyList<string> first, _) = await TrackingConsentTests.VisitAsync(site, "user-1");
        (IReadOnlyList<string> second, _) = await TrackingConsentTests.VisitAsync(site, "user-1");
        await TrackingConsentTests.VisitAsync(site, "user-2");

        first.Should().Equal(TrackingConsentTests.Session);
        second.Should().Equal(TrackingConsentTests.Session);
        site.Logs.Lines.Where(l => l.Contains("is not in the catalog", StringComparison.Ordinal)).Should().ContainSingle();
    }
}
