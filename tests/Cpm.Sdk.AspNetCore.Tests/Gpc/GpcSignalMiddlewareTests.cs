using System.Security.Claims;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Cpm.Sdk.AspNetCore.Tests.Gpc;

/// <summary>
/// The GPC middleware alone (in a test server, so each <c>Sec-GPC</c> value reaches it exactly as given, spaces
/// included), on a real client and store: only a value that is exactly <c>1</c> is the signal.
/// </summary>
public sealed class GpcSignalMiddlewareTests
{
    public static TheoryData<string, string[], bool> Values => new()
    {
        { "1", ["1"], true },
        { "0", ["0"], false },
        { "1 with a trailing space", ["1 "], false },
        { "1 with a leading space", [" 1"], false },
        { "true", ["true"], false },
        { "01", ["01"], false },
        { "empty", [""], false },
        { "two values, one of them 1", ["0", "1"], true },
        { "two values, 1 first", ["1", "0"], true },
        { "two values, neither 1", ["0", "true"], false },
        { "two values, one 1 with a space", ["0", "1 "], false },
        { "one line joined by a comma", ["0, 1"], true },
        { "one line joined without a space", ["true,1"], true },
        { "one line, no 1", ["0, true"], false },
        { "a list holding 11", ["0, 11"], false },
        { "a missing value, then 1", [null!, "1"], true },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Only_a_value_that_is_exactly_1_is_the_signal(string name, string[] values, bool signal)
    {
        using var store = new TempStore();
        using IHost host = await StartAsync(store);
        HttpContext context = await host.GetTestServer().SendAsync(c =>
        {
            c.Request.Path = "/page";
            c.Request.Headers["Sec-GPC"] = new StringValues(values);
        });

        context.Response.Headers["X-Signal"].ToString().Should().Be(signal ? "1" : "0", name);
        CpmClient client = host.Services.GetRequiredService<CpmClient>();
        (await client.GetHistoryAsync("user-1")).Should().HaveCount(signal ? 3 : 0, name);
    }

    [Fact]
    public async Task No_header_is_no_signal_and_the_feature_is_set_on_every_request()
    {
        using var store = new TempStore();
        using IHost host = await StartAsync(store);

        HttpContext context = await host.GetTestServer().SendAsync(c => c.Request.Path = "/page");

        context.Response.Headers["X-Signal"].ToString().Should().Be("0");
        (await host.Services.GetRequiredService<CpmClient>().GetHistoryAsync("user-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_user_id_the_sdk_refuses_records_nothing_and_logs_no_id()
    {
        using var store = new TempStore();
        var logs = new LogCapture();
        string bad = "bad\u0001" + new string('x', 300);
        using IHost host = await StartAsync(store, bad, logs);

        for (int i = 0; i < 3; i++)
        {
            HttpContext context = await host.GetTestServer().SendAsync(c =>
            {
                c.Request.Path = "/page";
                c.Request.Headers["Sec-GPC"] = "1";
            });
            context.Response.StatusCode.Should().Be(200, "the request goes on");
        }

        (await host.Services.GetRequiredService<CpmClient>().GetCheckpointAsync()).Size.Should().Be(0);
        logs.Lines.Where(l => l.Contains("not a valid Cpm user id", StringComparison.Ordinal)).Should().ContainSingle("the host's claim mapping is told once");
        logs.Lines.Should().NotContain(l => l.Contains("xxxxxxxx", StringComparison.Ordinal));
    }

    private static async Task<IHost> StartAsync(TempStore store, string userId = "user-1", LogCapture? logs = null)
    {
        IHost host = new HostBuilder()
            .ConfigureLogging(l => { if (logs is not null) { l.AddProvider(logs); } })
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddRouting();
                    s.AddCpm(o => TestSite.Copy(store.Options(configure: GpcSite.Catalog), o));
                    s.AddCpmGlobalPrivacyControl();
                })
                .Configure(app =>
                {
                    app.Use((c, next) =>
                    {
                        c.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Test"));
                        return next(c);
                    });
                    app.UseCpmGlobalPrivacyControl();
                    app.Run(c =>
                    {
                        c.Response.Headers["X-Signal"] = c.Features.Get<IGlobalPrivacyControlFeature>()!.HasSignal ? "1" : "0";
                        return Task.CompletedTask;
                    });
                }))
            .Build();
        await host.StartAsync();
        return host;
    }
}
