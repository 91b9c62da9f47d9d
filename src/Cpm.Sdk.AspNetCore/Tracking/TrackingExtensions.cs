using Cpm.Sdk.AspNetCore;
using Cpm.Sdk.AspNetCore.Http;
using Cpm.Sdk.AspNetCore.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Adds the cookie policy with Cpm-backed tracking consent to the request pipeline.</summary>
    public static class CpmTrackingConsentApplicationBuilderExtensions
    {
        /// <summary>
        /// Use in place of <c>app.UseCookiePolicy()</c>: runs ASP.NET Core's cookie policy and replaces its
        /// <see cref="ITrackingConsentFeature"/> with one the gate answers, so <c>HasConsent</c> is the signed-in person's
        /// consent to the configured purpose and <c>GrantConsent</c> / <c>WithdrawConsent</c> record captures. Place it
        /// after authentication.
        /// </summary>
        /// <param name="app">The application.</param>
        /// <returns>The same application.</returns>
        /// <exception cref="InvalidOperationException"><c>services.AddCpm(...)</c> or <c>services.AddCpmTrackingConsent(...)</c> was not called.</exception>
        public static IApplicationBuilder UseCpmTrackingConsent(this IApplicationBuilder app)
        {
            ArgumentNullException.ThrowIfNull(app);
            HttpServices.RequireClient(app.ApplicationServices, "UseCpmTrackingConsent");
            HttpServices.RequireRegistration<TrackingGate>(app.ApplicationServices, "services.AddCpmTrackingConsent(purpose, channel)");
            TrackingGate gate = app.ApplicationServices.GetRequiredService<TrackingGate>();
            app.UseCookiePolicy();
            return app.Use((context, next) =>
            {
                ITrackingConsentFeature? policy = context.Features.Get<ITrackingConsentFeature>();
                context.Features.Set<ITrackingConsentFeature>(new CpmTrackingConsentFeature(context, policy, gate));
                return next(context);
            });
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers Cpm-backed tracking consent for ASP.NET Core's cookie policy.</summary>
    public static class CpmTrackingConsentServiceCollectionExtensions
    {
        /// <summary>
        /// Makes ASP.NET Core's cookie policy ask Cpm.Sdk's gate, instead of its own <c>.AspNet.Consent</c> cookie,
        /// whether a cookie that is not essential may be issued: only when the signed-in person's decision for
        /// <paramref name="purpose"/> on <paramref name="channel"/> allows it (an anonymous visitor gets essential
        /// cookies only). Works with <c>app.UseCookiePolicy()</c>; use <c>app.UseCpmTrackingConsent()</c> instead to
        /// also have <see cref="ITrackingConsentFeature"/> answered by the gate. Options are validated at host start.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="purpose">The purpose of the cookies that are not essential, such as <c>analytics</c>.</param>
        /// <param name="channel">The channel, such as <c>web</c>.</param>
        /// <param name="configure">Sets more options; <see langword="null"/> keeps the defaults.</param>
        /// <returns>The same service collection.</returns>
        public static IServiceCollection AddCpmTrackingConsent(
            this IServiceCollection services, string purpose, string channel, Action<CpmTrackingConsentOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);
            HttpServices.AddShared(services);
            services.AddOptions<CpmTrackingConsentOptions>()
                .Configure(o =>
                {
                    o.Purpose = purpose;
                    o.Channel = channel;
                    configure?.Invoke(o);
                });
            if (!services.Any(d => d.ServiceType == typeof(TrackingGate)))
            {
                services.AddOptions<CpmTrackingConsentOptions>().ValidateOnStart();
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpmTrackingConsentOptions>, TrackingOptionsValidation>());
                services.AddSingleton<TrackingGate>();
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookiePolicyOptions>, TrackingCookiePolicy>());
            }

            return services;
        }
    }
}
