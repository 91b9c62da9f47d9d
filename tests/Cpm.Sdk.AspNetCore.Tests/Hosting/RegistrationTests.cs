using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.Hosting;

/// <summary>Each feature registers once however often it is added, and using one without its registration says what is missing.</summary>
public sealed class RegistrationTests
{
    public static TheoryData<string, Action<IServiceCollection>> Registrations => new()
    {
        { "consent API", s => s.AddCpmConsentApi(o => o.Source = "kiosk") },
        { "global privacy control", s => s.AddCpmGlobalPrivacyControl(o => o.LastUpdate = new DateOnly(2026, 11, 1)) },
        { "tracking consent", s => s.AddCpmTrackingConsent("analytics", "web") },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Adding_a_feature_again_adds_only_its_configuration_step(string name, Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        add(services);
        int once = services.Count;

        add(services);
        add(services);

        services.Count.Should().Be(once + 2, $"{name}: a second and third call add one configuration step each");
    }

    [Fact]
    public void Every_feature_together_shares_one_set_of_http_options_checked_at_start()
    {
        var services = new ServiceCollection();
        services.AddCpmConsentApi();
        services.AddCpmGlobalPrivacyControl();
        services.AddCpmTrackingConsent("analytics", "web");

        services.Count(d => d.ServiceType == typeof(IValidateOptions<CpmHttpOptions>)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<CpmGpcOptions>>().Value.ServeWellKnown.Should().BeTrue();
        provider.GetRequiredService<IOptions<CpmTrackingConsentOptions>>().Value.Should().BeEquivalentTo(
            new CpmTrackingConsentOptions { Purpose = "analytics", Channel = "web", Source = "web", PolicyVersion = 1 });
    }

    [Fact]
    public async Task Using_a_middleware_without_its_registration_fails_with_a_clear_message()
    {
        using var store = new TempStore();

        Func<Task> gpc = () => TestSite.StartAsync(store, pipeline: app => app.UseCpmGlobalPrivacyControl());
        Func<Task> tracking = () => TestSite.StartAsync(store, pipeline: app => app.UseCpmTrackingConsent());

        (await gpc.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("services.AddCpmGlobalPrivacyControl()");
        (await tracking.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("services.AddCpmTrackingConsent(purpose, channel)");
    }
}
