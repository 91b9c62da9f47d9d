using System.Text;
using System.Text.Json.Nodes;
using Cpm.ReferenceServer;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// The 16 KiB evidence limit counts UTF-8 bytes of JSON without optional escapes, on the client and on the server,
/// and the wire carries CJK text as UTF-8, not as <c>\uXXXX</c> escapes.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class EvidenceLimitTests
{
    private static readonly string ConsentText = new('中', 2800);

    [Fact]
    public async Task Evidence_of_2800_cjk_characters_is_captured_pushed_stored_and_pulled_unescaped()
    {
        using var temp = new TempStore();
        var pushedBodies = new List<string>();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, app => app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method))
            {
                context.Request.EnableBuffering();
                string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
                context.Request.Body.Position = 0;
                lock (pushedBodies)
                {
                    pushedBodies.Add(body);
                }
            }

            await next(context);
        }));
        await using CpmClient client = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress));

        ConsentRecord record = await client.RecordAsync(new ConsentCapture("用户-张伟", "marketing", "sms", ConsentChoice.Granted)
        {
            Evidence = new Dictionary<string, string> { ["consent-text"] = ConsentText },
        });
        await SyncHarness.EventuallyAsync(() => server.EventCount() == 1, TimeSpan.FromSeconds(30), "the capture is pushed");

        server.EventIds().Should().Equal(record.Id);
        lock (pushedBodies)
        {
            pushedBodies.Should().Contain(b => b.Contains(ConsentText, StringComparison.Ordinal) && b.Contains("用户-张伟", StringComparison.Ordinal),
                "the client writes CJK text as UTF-8");
        }

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", SyncHarness.ApiKey);
        string pulled = await http.GetStringAsync("v1/events?after=");
        pulled.Should().Contain(ConsentText, "the server stores and serves CJK text as UTF-8");
        JsonNode.Parse(pulled)!["events"]![0]!["evidence"]!["consent-text"]!.GetValue<string>().Should().Be(ConsentText);
    }

    [Fact]
    public async Task Evidence_one_byte_over_16_KiB_is_refused_at_capture_and_nothing_is_stored()
    {
        using var temp = new TempStore();
        await using CpmClient client = await temp.OpenAsync();
        string overLimit = new string('中', 5458) + "xxx";   // {"k":"…"}: 8 + 16,374 + 3 = 16,385 bytes

        Func<Task> record = async () => await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted)
        {
            Evidence = new Dictionary<string, string> { ["k"] = overLimit },
        });

        (await record.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("capture.Evidence");
        (await client.GetHistoryAsync("u1")).Should().BeEmpty();

        ConsentRecord atLimit = await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted)
        {
            Evidence = new Dictionary<string, string> { ["k"] = overLimit[..^1] },
        });
        atLimit.Evidence!["k"].Should().HaveLength(5460);
    }

    [Fact]
    public async Task The_server_accepts_2800_cjk_characters_and_rejects_cjk_evidence_one_byte_over_the_limit()
    {
        await using RawServer server = await RawServer.StartAsync();
        JsonObject fits = RawServer.Event();
        fits["evidence"] = new JsonObject { ["consent-text"] = ConsentText };
        JsonObject tooBig = RawServer.Event();
        tooBig["evidence"] = new JsonObject { ["k"] = new string('中', 5458) + "xxx" };

        JsonArray results = await server.PushResultsAsync(RawServer.Body(RawServer.Text(fits), RawServer.Text(tooBig)));

        results[0]!["status"]!.GetValue<string>().Should().Be("accepted");
        results[1]!["status"]!.GetValue<string>().Should().Be("rejected");
        results[1]!["error"]!.GetValue<string>().Should().Be("Evidence is 16385 bytes as JSON; the limit is 16384.");
        server.Host.EventIds().Select(Sdk.Protocol.WireFormat.FormatId).Should().Equal(fits["id"]!.ToString());
    }
}
