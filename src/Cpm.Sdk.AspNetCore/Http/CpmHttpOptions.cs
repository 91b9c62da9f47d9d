using System.Security.Claims;

namespace Cpm.Sdk.AspNetCore;

/// <summary>
/// How the web layer finds the person behind a request: the preference centre, Global Privacy Control, tracking consent
/// and (with <see cref="CpmConsentApiOptions.UseSignedInUser"/>) the consent API all read the user id from the
/// signed-in <see cref="ClaimsPrincipal"/>. Set with <c>services.Configure&lt;CpmHttpOptions&gt;(...)</c>; validated at
/// host start.
/// </summary>
public sealed class CpmHttpOptions
{
    /// <summary>
    /// The claim whose value is the person's Cpm user id. Default <see cref="ClaimTypes.NameIdentifier"/>; use
    /// <c>"sub"</c> for a JWT bearer token read without claim mapping. A request whose user is not authenticated, or
    /// carries no such claim, has no person.
    /// </summary>
    public string UserIdClaimType { get; set; } = ClaimTypes.NameIdentifier;
}
