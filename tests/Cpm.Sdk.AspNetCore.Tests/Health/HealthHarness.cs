using System.Text;
using System.Text.Json;
using Cpm.ReferenceServer;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cpm.Sdk.AspNetCore.Tests.Health;

/// <summary>
/// The reference server on 127.0.0.1 with a script layer in front (push, pull and catalog can each be made to
/// misbehave), clients that sync only when told to, and a site serving <c>/health</c> with a JSON writer.
/// </summary>
internal sealed class HealthHarness
{
    public const string ApiKey = "health-key";

    /// <summary>Answers one request; <c>real</c> hands it to the reference server.</summary>
    public delegate Task Script(HttpContext context, RequestDelegate real);

    public Script? Push { get; set; }

    public Script? Pull { get; set; }

    public Script? Catalog { get; set; }

    /// <summary>Starts the reference server on <paramref name="url"/>, signing with <paramref name="keyPem"/> (default: its development key).</summary>
    public Task<ReferenceServerHost> StartServerAsync(string directory, string url = "http://127.0.0.1:0", string? keyPem = null) =>
        ReferenceServerHost.StartAsync(
            new ReferenceServerOptions
            {
                DatabasePath = Path.Combine(directory, "server.db"),
                ApiKeys = [ApiKey],
                Url = url,
                Purposes = [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }],
                Channels = ["sms", "email", "wechat", "app-push"],
                CheckpointKeyPem = keyPem,
            },
            app => app.Use(RouteAsync));

    /// <summary>A client of <paramref name="endpoint"/> with quick timings, without its own sync loops.</summary>
    public static CpmClient Open(TempStore store, Uri? endpoint, TimeProvider clock, Action<CpmOptions>? configure = null)
    {
        CpmOptions options = store.Options(clock, o =>
        {
            o.Endpoint = endpoint;
            o.ApiKey = endpoint is null ? null : ApiKey;
            o.PollWait = TimeSpan.Zero;
            o.RequestTimeout = TimeSpan.FromSeconds(2);
            o.MaxBackoff = TimeSpan.FromMilliseconds(500);
            configure?.Invoke(o);
        });
        return CpmClient.Open(options, null, null);
    }

    /// <summary>A script answering <paramref name="status"/> with <paramref name="body"/>.</summary>
    public static Script Answer(int status, string body) => async (context, _) =>
    {
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true))
        {
            await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>A site whose <c>/health</c> runs the Cpm check on <paramref name="client"/> and writes the report as JSON.</summary>
    public static Task<TestSite> StartSiteAsync(TempStore store, CpmClient client, HealthStatus? failureStatus = null) =>
        TestSite.StartAsync(
            store,
            s => s.AddHealthChecks().AddCpm(failureStatus: failureStatus, tags: ["ready"]),
            app => app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }),
            client: client);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            entries = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data, tags = e.Value.Tags }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private Task RouteAsync(HttpContext context, RequestDelegate next)
    {
        Script? script = (context.Request.Method, context.Request.Path.Value) switch
        {
            ("POST", "/v1/events") => Push,
            ("GET", "/v1/events") => Pull,
            ("GET", "/v1/catalog") => Catalog,
            _ => null,
        };
        return script is null ? next(context) : script(context, next);
    }
}
