using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>Unauthenticated requests cannot flood the server log: one warning a minute at most, with a count.</summary>
[Collection(ServerTests.Name)]
public sealed class UnauthenticatedLogTests
{
    private const string BadKey = "wrong-key-0123456789";

    [Fact]
    public async Task Fifty_bad_key_requests_write_one_warning_and_the_next_minute_reports_the_rest()
    {
        var logs = new CapturedLogs();
        await using RawServer server = await RawServer.StartAsync(logs);
        using var http = new HttpClient { BaseAddress = server.Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BadKey);

        for (int i = 0; i < 50; i++)
        {
            using HttpResponseMessage response = await http.GetAsync("v1/events?after=");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        Refusals(logs).Should().ContainSingle("at most one warning a minute, however many requests are refused");
        Refusals(logs)[0].Should().Contain("GET v1/events").And.Contain("(0 more refused");

        server.Clock.Advance(TimeSpan.FromSeconds(59));
        (await http.GetAsync("v1/catalog")).Dispose();
        Refusals(logs).Should().ContainSingle("a minute has not passed yet");

        server.Clock.Advance(TimeSpan.FromSeconds(1));
        (await http.GetAsync("v1/catalog")).Dispose();

        Refusals(logs).Should().HaveCount(2);
        Refusals(logs)[1].Should().Contain("GET v1/catalog").And.Contain("(50 more refused since the last warning");
        logs.Lines.Should().NotContain(l => l.Message.Contains(BadKey, StringComparison.Ordinal), "keys are never logged");
    }

    private static List<string> Refusals(CapturedLogs logs) =>
        [.. logs.Lines.Where(l => l.Level == LogLevel.Warning && l.Category == "Cpm.ReferenceServer").Select(l => l.Message)];
}
