using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tracking;

/// <summary>
/// Puts the gate into the cookie policy's options: consent is needed unless the host's own
/// <c>CheckConsentNeeded</c> says otherwise, and a cookie that is not essential is issued only when the gate allows
/// the request's person the configured purpose. The host's own <c>OnAppendCookie</c> still runs, after it.
/// </summary>
internal sealed class TrackingCookiePolicy(TrackingGate gate) : IPostConfigureOptions<CookiePolicyOptions>
{
    public void PostConfigure(string? name, CookiePolicyOptions options)
    {
        options.CheckConsentNeeded ??= _ => true;
        Action<AppendCookieContext>? hostAppend = options.OnAppendCookie;
        options.OnAppendCookie = context =>
        {
            context.IssueCookie = context.CookieOptions.IsEssential || !context.IsConsentNeeded || HasConsent(context);
            hostAppend?.Invoke(context);
        };
    }

    private bool HasConsent(AppendCookieContext context) =>
        context.Context.Features.Get<ITrackingConsentFeature>() is CpmTrackingConsentFeature feature
            ? feature.HasConsent
            : gate.Allows(gate.PersonOf(context.Context));
}
