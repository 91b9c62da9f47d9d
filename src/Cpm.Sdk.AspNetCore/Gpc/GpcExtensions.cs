using Cpm.Sdk;
using Cpm.Sdk.AspNetCore;
using Cpm.Sdk.AspNetCore.Gpc;
using Cpm.Sdk.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Adds Global Privacy Control to the request pipeline.</summary>
    public static class CpmGpcApplicationBuilderExtensions
    {
        /// <summary>
        /// Honours Global Privacy Control: a request whose <c>Sec-GPC</c> header is exactly <c>1</c>, from a signed-in
        /// person (<see cref="CpmHttpOptions.UserIdClaimType"/>), opts them out of every purpose marked
        /// <see cref="PurposeDefinition.HonorsGpc"/>: a denial on channel <c>*</c> with source <c>gpc</c>, recorded once
        /// per person before the request goes on. A purpose the person already chose for (explicitly, or by an earlier
        /// signal) is left alone: their explicit choice wins. Serves <c>/.well-known/gpc.json</c>, and sets
        /// <see cref="IGlobalPrivacyControlFeature"/> on every request. Place it after authentication.
        /// </summary>
        /// <param name="app">The application.</param>
        /// <returns>The same application.</returns>
        /// <exception cref="InvalidOperationException"><c>services.AddCpm(...)</c> or <c>services.AddCpmGlobalPrivacyControl()</c> was not called.</exception>
        public static IApplicationBuilder UseCpmGlobalPrivacyControl(this IApplicationBuilder app)
        {
            ArgumentNullException.ThrowIfNull(app);
            HttpServices.RequireClient(app.ApplicationServices, "UseCpmGlobalPrivacyControl");
            HttpServices.RequireRegistration<GpcOptOut>(app.ApplicationServices, "services.AddCpmGlobalPrivacyControl()");
            return app.UseMiddleware<GpcMiddleware>();
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers Global Privacy Control.</summary>
    public static class CpmGpcServiceCollectionExtensions
    {
        /// <summary>
        /// Registers what <c>app.UseCpmGlobalPrivacyControl()</c> needs, beside <c>services.AddCpm(...)</c>. Calling it
        /// again only adds another configuration step.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configure">Sets the options; <see langword="null"/> keeps the defaults.</param>
        /// <returns>The same service collection.</returns>
        public static IServiceCollection AddCpmGlobalPrivacyControl(this IServiceCollection services, Action<CpmGpcOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);
            HttpServices.AddShared(services);
            // Stryker disable once Statement : equivalent. Registers only the options plumbing, which AddCpm registers too; the options resolve to their defaults either way.
            services.AddOptions<CpmGpcOptions>();
            services.TryAddSingleton<GpcOptOut>();
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return services;
        }
    }
}
