using System.Net.Sockets;
using System.Text;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.Gpc;

/// <summary>A site with Global Privacy Control in front of a page that says whether it saw the signal.</summary>
internal static class GpcSite
{
    /// <summary>marketing (consent), analytics (legitimate interest) and ads (opt-out) honour GPC; the rest do not.</summary>
    public static readonly string[] Honoring = ["marketing", "analytics", "ads"];

    public static Action<CpmOptions> Catalog => o =>
    {
        o.Purposes[0].HonorsGpc = true;
        o.Purposes[2].HonorsGpc = true;
        o.Purposes.Add(new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.OptOut, HonorsGpc = true });
    };

    public static Task<TestSite> StartAsync(TempStore store, Action<CpmGpcOptions>? configure = null) =>
        TestSite.StartAsync(
            store,
            s => s.AddCpmGlobalPrivacyControl(configure),
            app =>
            {
                app.UseCpmGlobalPrivacyControl();
                app.MapGet("/page", (HttpContext context) =>
                    context.Features.Get<IGlobalPrivacyControlFeature>()!.HasSignal ? "signal" : "no signal");
            },
            Catalog);

    /// <summary>A GET of <c>/page</c> signed in as <paramref name="user"/> (none: anonymous), with each value as its own <c>Sec-GPC</c> field line.</summary>
    public static HttpRequestMessage Page(string? user, params string[] gpc)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "page");
        if (user is not null)
        {
            request.Headers.Add(TestAuth.UserHeader, Uri.EscapeDataString(user));
        }

        foreach (string value in gpc)
        {
            request.Headers.TryAddWithoutValidation("Sec-GPC", value);
        }

        request.Headers.UserAgent.ParseAdd("gpc-browser/2.0");
        return request;
    }

    /// <summary>The gpc records of <paramref name="userId"/>, by purpose.</summary>
    public static async Task<IReadOnlyList<ConsentRecord>> GpcRecordsAsync(CpmClient client, string userId) =>
        [.. (await client.GetHistoryAsync(userId)).Where(r => r.Source == "gpc").OrderBy(r => r.Purpose, StringComparer.Ordinal)];

    /// <summary>
    /// Sends <paramref name="head"/> (request line and header lines, CRLF-separated) byte for byte and reads the whole
    /// answer; an HTTP/1.0 request gets a body that is not chunked.
    /// </summary>
    public static async Task<string> RawAsync(Uri site, string head)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(site.Host, site.Port);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "Connection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
