using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cpm.Sdk.AspNetCore.Http;

/// <summary>
/// The evidence a request itself gives for a capture: the client's address (as the server sees it, after any
/// forwarded-headers middleware the host runs) and its user agent.
/// </summary>
internal static class HttpEvidence
{
    /// <summary>The evidence key of the client's IP address.</summary>
    public const string Ip = "ip";

    /// <summary>The evidence key of the client's <c>User-Agent</c>.</summary>
    public const string UserAgent = "userAgent";

    /// <summary>A user agent is kept up to this many characters: enough to tell browsers apart, far under the evidence limit.</summary>
    public const int MaxUserAgentLength = 512;

    /// <summary>
    /// The request's evidence added to <paramref name="given"/> (which is not changed): a key the caller already gave
    /// keeps the caller's value, since a touchpoint that forwards a person's choice knows better where they were.
    /// </summary>
    public static Dictionary<string, string> Of(HttpContext context, IReadOnlyDictionary<string, string>? given = null)
    {
        var evidence = given is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(given, StringComparer.Ordinal);
        if (IpOf(context) is { } ip)
        {
            evidence.TryAdd(Ip, ip);
        }

        string userAgent = context.Request.Headers[HeaderNames.UserAgent].ToString();
        if (userAgent.Length > 0)
        {
            evidence.TryAdd(UserAgent, userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent);
        }

        return evidence;
    }

    private static string? IpOf(HttpContext context)
    {
        IPAddress? address = context.Connection.RemoteIpAddress;
        return address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
