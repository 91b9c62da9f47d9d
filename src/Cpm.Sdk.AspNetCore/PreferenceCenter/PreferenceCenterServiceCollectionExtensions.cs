using Cpm.Sdk.AspNetCore.Http;
using Cpm.Sdk.AspNetCore.PreferenceCenter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore;

/// <summary>Registers the preference centre's services.</summary>
public static class PreferenceCenterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the preference centre with its default options (validated at host start against the SDK's catalog,
    /// each problem naming its option), antiforgery, and what the page works out once. Idempotent. The SDK itself is
    /// registered by <c>AddCpm</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCpmPreferenceCenter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddCore(services);
    }

    /// <summary>
    /// Registers the preference centre like <see cref="AddCpmPreferenceCenter(IServiceCollection)"/>, configured in code;
    /// calling it again only adds another configuration step.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCpmPreferenceCenter(this IServiceCollection services, Action<PreferenceCenterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PreferenceCenterOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers the preference centre like <see cref="AddCpmPreferenceCenter(IServiceCollection)"/>, binding the options from configuration, for example <c>config.GetSection("PreferenceCenter")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCpmPreferenceCenter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PreferenceCenterOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        HttpServices.AddShared(services);
        services.AddOptions<PreferenceCenterOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PreferenceCenterOptions>, PreferenceCenterOptionsValidation>());
        services.AddAntiforgery();
        services.TryAddSingleton<PreferenceCenterContext>();
        return services;
    }
}
