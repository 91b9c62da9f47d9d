using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.Hosting;

/// <summary>
/// The package's entry points refuse a missing argument naming it, say which registration is missing, and each feature
/// registered alone checks the shared web options at start.
/// </summary>
public sealed class EntryPointTests
{
    public static TheoryData<string, string, Action> MissingArguments => new()
    {
        { "UseCpmGlobalPrivacyControl", "app", () => CpmGpcApplicationBuilderExtensions.UseCpmGlobalPrivacyControl(null!) },
        { "AddCpmGlobalPrivacyControl", "services", () => CpmGpcServiceCollectionExtensions.AddCpmGlobalPrivacyControl(null!) },
        { "UseCpmTrackingConsent", "app", () => CpmTrackingConsentApplicationBuilderExtensions.UseCpmTrackingConsent(null!) },
        { "AddCpmTrackingConsent", "services", () => CpmTrackingConsentServiceCollectionExtensions.AddCpmTrackingConsent(null!, "analytics", "web") },
        { "AddCpm (health)", "builder", () => CpmHealthChecksBuilderExtensions.AddCpm(null!) },
        { "AddCpm (health) with a blank name", "name", () => new ServiceCollection().AddHealthChecks().AddCpm(" ") },
        { "AddCpm (health) without a name", "name", () => new ServiceCollection().AddHealthChecks().AddCpm(null!) },
        { "MapCpmPreferenceCenter", "endpoints", () => PreferenceCenterEndpointRouteBuilderExtensions.MapCpmPreferenceCenter(null!) },
        { "MapCpmPreferenceCenter without a prefix", "prefix", () => WebApplication.CreateBuilder().Build().MapCpmPreferenceCenter(null!) },
        { "AddCpmPreferenceCenter", "services", () => PreferenceCenterServiceCollectionExtensions.AddCpmPreferenceCenter(null!) },
        { "AddCpmPreferenceCenter(configure)", "services", () => PreferenceCenterServiceCollectionExtensions.AddCpmPreferenceCenter(null!, _ => { }) },
        { "AddCpmPreferenceCenter without configure", "configure", () => new ServiceCollection().AddCpmPreferenceCenter((Action<PreferenceCenterOptions>)null!) },
        { "AddCpmPreferenceCenter(configuration)", "services", () => PreferenceCenterServiceCollectionExtensions.AddCpmPreferenceCenter(null!, new ConfigurationBuilder().Build()) },
        { "AddCpmPreferenceCenter without configuration", "configuration", () => new ServiceCollection().AddCpmPreferenceCenter((IConfiguration)null!) },
    };

    public static TheoryData<string, Action<IServiceCollection>> Features => new()
    {
        { "global privacy control", s => s.AddCpmGlobalPrivacyControl() },
        { "tracking consent", s => s.AddCpmTrackingConsent("analytics", "web") },
        { "preference centre", s => s.AddCpmPreferenceCenter() },
        { "consent API", s => s.AddCpmConsentApi() },
    };

    [Theory]
    [MemberData(nameof(MissingArguments))]
    public void A_missing_argument_is_refused_naming_it(string entryPoint, string parameter, Action call) =>
        call.Should().Throw<ArgumentException>(entryPoint).Which.ParamName.Should().Be(parameter, entryPoint);

    [Theory]
    [MemberData(nameof(Features))]
    public void Each_feature_registered_alone_checks_the_shared_web_options(string name, Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        add(services);

        services.Count(d => d.ServiceType == typeof(IValidateOptions<CpmHttpOptions>)).Should().Be(1, name);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IValidateOptions<CpmHttpOptions>>().Validate(null, new CpmHttpOptions { UserIdClaimType = " " })
            .Failed.Should().BeTrue(name);
    }

    [Fact]
    public void A_middleware_used_without_the_client_names_itself_and_AddCpm()
    {
        var services = new ServiceCollection();
        services.AddCpmGlobalPrivacyControl();
        services.AddCpmTrackingConsent("analytics", "web");
        var app = new ApplicationBuilder(services.BuildServiceProvider());

        Action gpc = () => app.UseCpmGlobalPrivacyControl();
        Action tracking = () => app.UseCpmTrackingConsent();

        gpc.Should().Throw<InvalidOperationException>().WithMessage("UseCpmGlobalPrivacyControl needs Cpm.Sdk's client: call services.AddCpm(...)*");
        tracking.Should().Throw<InvalidOperationException>().WithMessage("UseCpmTrackingConsent needs Cpm.Sdk's client: call services.AddCpm(...)*");
    }
}
