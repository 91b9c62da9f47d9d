using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.Hosting;

/// <summary>
/// Test sign-in: a request with <see cref="UserHeader"/> is authenticated as that user (its name identifier claim), with
/// the roles in <see cref="RolesHeader"/>; a request without it is anonymous and challenged with 401.
/// </summary>
internal sealed class TestAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string UserHeader = "X-Test-User";
    public const string RolesHeader = "X-Test-Roles";
    public const string ClaimHeader = "X-Test-Claim";
    public const string TouchpointPolicy = "cpm-touchpoints";
    public const string TouchpointRole = "touchpoint";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(UserHeader, out var user) || user.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // The user id travels percent-encoded, so CJK ids survive an ASCII header.
        string id = Uri.UnescapeDataString(user.ToString());
        string claimType = Request.Headers.TryGetValue(ClaimHeader, out var type) ? type.ToString() : ClaimTypes.NameIdentifier;
        var claims = new List<Claim> { new(claimType, id) };
        claims.AddRange(Request.Headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
