using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cpm.Sdk.AspNetCore.Tracking;

/// <summary>
/// <see cref="ITrackingConsentFeature"/> answered by the gate instead of the <c>.AspNet.Consent</c> cookie: whether
/// consent is needed still comes from the cookie policy (<c>CookiePolicyOptions.CheckConsentNeeded</c>); whether it was
/// given is the gate's decision for the configured purpose and channel; granting and withdrawing record captures.
/// </summary>
internal sealed class CpmTrackingConsentFeature(HttpContext context, ITrackingConsentFeature? policy, TrackingGate gate) : ITrackingConsentFeature
{
    private bool? _hasConsent;

    public bool IsConsentNeeded => policy?.IsConsentNeeded ?? true;

    public bool HasConsent => _hasConsent ??= gate.Allows(gate.PersonOf(context));

    public bool CanTrack => !IsConsentNeeded || HasConsent;

    public void GrantConsent()
    {
        gate.Record(context, ConsentChoice.Granted);
        _hasConsent = null;
    }

    public void WithdrawConsent()
    {
        gate.Record(context, ConsentChoice.Withdrawn);
        _hasConsent = null;
    }

    /// <summary>
    /// There is no consent cookie to write: consent lives in the store. Returns an empty string, so a banner script
    /// that assigns it to <c>document.cookie</c> sets nothing; record consent with <see cref="GrantConsent"/> instead.
    /// </summary>
    public string CreateConsentCookie() => string.Empty;
}
