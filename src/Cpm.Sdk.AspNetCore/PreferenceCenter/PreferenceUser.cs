using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// The signed-in person's user id: the configured claim of an authenticated identity of the request's principal.
/// A value the SDK could not accept as a user id (empty, whitespace only, over 256 characters, control characters)
/// counts as no user.
/// </summary>
internal static class PreferenceUser
{
    public const int MaxLength = 256;

    public static string? Find(HttpContext context, string claimType)
    {
        foreach (ClaimsIdentity identity in context.User.Identities)
        {
            if (identity.IsAuthenticated && identity.FindFirst(claimType)?.Value is { } value && IsUserId(value))
            {
                return value;
            }
        }

        return null;
    }

    private static bool IsUserId(string value) =>
        value.Length is > 0 and <= MaxLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);
}
