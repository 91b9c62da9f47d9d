namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// Which consent ASP.NET Core's cookie policy asks Cpm.Sdk's gate for, set by
/// <c>services.AddCpmTrackingConsent(purpose, channel)</c> and validated at host start.
/// </summary>
public sealed class CpmTrackingConsentOptions
{
    /// <summary>The purpose that non-essential cookies serve, such as <c>analytics</c>; a catalog purpose or topic.</summary>
    // Stryker disable once String : equivalent. AddCpmTrackingConsent always sets it, and validation refuses any value that is no purpose id.
    public string Purpose { get; set; } = "";

    /// <summary>The channel the consent is for, such as <c>web</c>: a concrete catalog channel, not <c>*</c>.</summary>
    // Stryker disable once String : equivalent. AddCpmTrackingConsent always sets it, and validation refuses any value that is no channel id.
    public string Channel { get; set; } = "";

    /// <summary>The touchpoint stamped on the captures <c>GrantConsent</c> and <c>WithdrawConsent</c> record. Default <c>web</c>.</summary>
    public string Source { get; set; } = "web";

    /// <summary>The revision of the cookie notice the person saw when granting, at least 1. Default 1.</summary>
    public int PolicyVersion { get; set; } = 1;
}
