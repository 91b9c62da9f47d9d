using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.Http;

/// <summary>The person behind a request: the configured claim of the signed-in user.</summary>
internal static class HttpUser
{
    /// <summary>The user id, or <see langword="null"/> when nobody is signed in or the claim is missing or empty.</summary>
    public static string? IdOf(HttpContext context, CpmHttpOptions options)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        string? id = context.User.FindFirst(options.UserIdClaimType)?.Value;
        return string.IsNullOrEmpty(id) ? null : id;
    }
}
