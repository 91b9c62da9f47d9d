using System.Security.Cryptography;
using System.Text;
using Cpm.ReferenceServer.Endpoints;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Cpm.ReferenceServer.Hosting;

/// <summary>
/// Checks every request before an endpoint runs: <c>Authorization: Bearer &lt;key&gt;</c> with a configured key
/// (else 401), then <c>Cpm-Protocol</c>, which may be absent but otherwise must be <c>1</c> (else 400 with the exact
/// body clients recognise).
/// </summary>
internal sealed class RequestGuard(IEnumerable<string> apiKeys, RefusalLog refusals)
{
    private const string BearerPrefix = "Bearer ";

    private readonly byte[][] _keys = [.. apiKeys.Select(Encoding.UTF8.GetBytes)];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsAuthorized(context.Request.Headers.Authorization))
        {
            // The presented key is never logged, not even in part; warnings are rate-limited.
            refusals.Unauthorized(context);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WireResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, "missing or invalid API key");
            return;
        }

        if (context.Request.Headers.TryGetValue(WireFormat.ProtocolHeader, out StringValues version)
            && (version.Count != 1 || version[0]?.Trim() != WireFormat.ProtocolVersion))
        {
            await WireResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, WireFormat.UnsupportedVersionError);
            return;
        }

        await next(context);
    }

    private bool IsAuthorized(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } header
            || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented = Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim());
        bool match = false;
        foreach (byte[] key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);   // no early exit: timing reveals nothing
        }

        return match;
    }
}
