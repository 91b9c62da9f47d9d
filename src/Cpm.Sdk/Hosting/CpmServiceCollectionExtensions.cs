using Cpm.Sdk.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Cpm.Sdk.Sync.Http;

namespace Cpm.Sdk;

/// <summary>Registers Cpm.Sdk in a service collection.</summary>
public static class CpmServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="CpmClient"/> singleton behind <see cref="IConsentGate"/>, <see cref="IConsentRecorder"/>,
    /// <see cref="IConsentHistory"/>, <see cref="IConsentSync"/>, <see cref="IConsentEvidence"/>, <see cref="IDataSubjectRights"/> and
    /// <see cref="ISendGuard"/>, configured in code. Options are validated at
    /// host start; the client opens once (at host start, or on first use without a host) and is disposed with the
    /// container. With an endpoint, a hosted service runs the sync loop. Calling it again only adds another
    /// configuration step.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCpm(this IServiceCollection services, Action<CpmOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CpmOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers Cpm.Sdk like <see cref="AddCpm(IServiceCollection, Action{CpmOptions})"/>, binding the options from
    /// configuration, for example <c>config.GetSection("Cpm")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCpm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // The binder skips what configuration cannot express (TimeProvider); set it in code when needed. A time zone
        // is given by its id and looked up here; an unknown id fails validation, naming CpmOptions.TimeZone.
        services.AddOptions<CpmOptions>().Bind(configuration).PostConfigure(o => ApplyTimeZoneId(o, configuration["TimeZone"]));
        return AddCore(services);
    }

    private static void ApplyTimeZoneId(CpmOptions options, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out TimeZoneInfo? zone))
        {
            options.TimeZone = zone;
        }
        else
        {
            options.UnknownTimeZoneId = id;
        }
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<CpmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpmOptions>, CpmOptionsValidation>());
        if (!services.Any(d => d.ServiceType == typeof(SyncPolicyProvider)))
        {
            // One named client for sync, its resilience policy a singleton so the circuit breaker state is shared.
            services.AddSingleton<SyncPolicyProvider>();
            services.AddHttpClient(SyncHttp.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .AddPolicyHandler((provider, _) => provider.GetRequiredService<SyncPolicyProvider>().Policy);
        }

        services.TryAddSingleton(provider => CpmClient.Open(
            provider.GetRequiredService<IOptions<CpmOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<IHttpClientFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CpmSyncService>());
        services.TryAddSingleton<IConsentGate>(provider => provider.GetRequiredService<CpmClient>());
        services.TryAddSingleton<IConsentRecorder>(provider => provider.GetRequiredService<CpmClient>());
        services.TryAddSingleton<IConsentHistory>(provider => provider.GetRequiredService<CpmClient>());
        services.TryAddSingleton<IConsentSync>(provider => provider.GetRequiredService<CpmClient>());
        services.TryAddSingleton<IConsentEvidence>(provider => provider.GetRequiredService<CpmClient>());
        services.TryAddSingleton<IDataSubjectRights>(provider => provider.GetRequiredService<CpmClient>());
        services.TryAddSingleton<ISendGuard>(provider => provider.GetRequiredService<CpmClient>());
        return services;
    }
}
