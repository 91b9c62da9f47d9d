using Cpm.Sdk.AspNetCore;
using Cpm.Sdk.AspNetCore.ConsentApi;
using Cpm.Sdk.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cpm.Sdk's consent API.</summary>
public static class CpmConsentApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>app.MapCpmConsentApi(...)</c> needs, beside <c>services.AddCpm(...)</c>. Options are validated
    /// at host start; calling it again only adds another configuration step.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCpmConsentApi(this IServiceCollection services, Action<CpmConsentApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(ConsentApiMarker)))
        {
            HttpServices.AddShared(services);
            services.AddOptions<CpmConsentApiOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpmConsentApiOptions>, CpmConsentApiOptionsValidation>());
            services.AddSingleton<ConsentApiMarker>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}
