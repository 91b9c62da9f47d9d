using Cpm.Sdk.AspNetCore.Http;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>
/// Whose data a request may touch: with <see cref="CpmConsentApiOptions.UseSignedInUser"/>, only the signed-in
/// person's; otherwise whoever the request names.
/// </summary>
internal static class ApiCaller
{
    /// <summary>
    /// The person a request acts for, from <paramref name="named"/> (what the request says) or the signed-in user;
    /// <paramref name="refusal"/> is the 401 or 403 answer when the request may not act for them.
    /// </summary>
    public static string? Person(HttpContext context, CpmConsentApiOptions api, CpmHttpOptions http, string? named, string field, out IResult? refusal)
    {
        refusal = null;
        if (!api.UseSignedInUser)
        {
            return named;
        }

        if (HttpUser.IdOf(context, http) is not { } signedIn)
        {
            refusal = ApiProblems.Status(StatusCodes.Status401Unauthorized, "This API acts for the signed-in person, and the request has none.");
            return null;
        }

        if (named is not null && !string.Equals(named, signedIn, StringComparison.Ordinal))
        {
            refusal = ApiProblems.Status(StatusCodes.Status403Forbidden, $"{field} names another person than the one signed in; leave it out.");
            return null;
        }

        return signedIn;
    }
}
