using System.Security.Claims;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.Http;

/// <summary>
/// The person behind a request: the configured claim (<see cref="CpmHttpOptions.UserIdClaimType"/>) of an authenticated
/// identity of the request's principal. One rule for every web feature, so the preference centre, the consent API,
/// Global Privacy Control and tracking consent always see the same person.
/// </summary>
internal static class HttpUser
{
    /// <summary>
    /// The user id, or <see langword="null"/> when no authenticated identity carries the claim with a value the SDK
    /// accepts as a user id (a blank, over-long or control-character value counts as no user).
    /// </summary>
    public static string? IdOf(HttpContext context, CpmHttpOptions options) => IdOf(context, options, out _);

    /// <summary>
    /// As <see cref="IdOf(HttpContext, CpmHttpOptions)"/>; <paramref name="refused"/> says why, without the value, when
    /// an authenticated identity carried the claim but its value is no user id (a host's claim mapping to fix).
    /// </summary>
    public static string? IdOf(HttpContext context, CpmHttpOptions options, out string? refused)
    {
        refused = null;
        foreach (ClaimsIdentity identity in context.User.Identities)
        {
            if (identity.IsAuthenticated && identity.FindFirst(options.UserIdClaimType)?.Value is { } value)
            {
                refused = WireRules.UserIdProblem(value);
                if (refused is null)
                {
                    return value;
                }
            }
        }

        return null;
    }
}
