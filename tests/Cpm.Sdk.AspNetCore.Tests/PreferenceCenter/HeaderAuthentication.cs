using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>
/// Signs a request in as the user named in the <c>X-Test-User</c> header (claim type from <c>X-Test-Claim</c>, default
/// NameIdentifier); no header, no user. Stands in for a host's real authentication.
/// </summary>
internal sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string ClaimHeader = "X-Test-Claim";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(UserHeader, out var user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string claimType = Request.Headers.TryGetValue(ClaimHeader, out var claim) ? claim.ToString() : ClaimTypes.NameIdentifier;
        string id = Uri.UnescapeDataString(user.ToString());
        var identity = new ClaimsIdentity([new Claim(claimType, id)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
