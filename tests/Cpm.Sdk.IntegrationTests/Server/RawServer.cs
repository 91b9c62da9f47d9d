using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.ReferenceServer;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// A reference server on 127.0.0.1 with a fake clock, spoken to with raw HTTP: what a foreign client could send.
/// </summary>
internal sealed class RawServer : IAsyncDisposable
{
    public const string ApiKey = "test-key";

    /// <summary>The server clock: a day after <see cref="EventTime"/>, whatever today's date is.</summary>
    public static readonly DateTimeOffset ServerNow = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When the events built by <see cref="Event"/> happened.</summary>
    public static readonly DateTimeOffset EventTime = new(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);

    private readonly TempStore _temp;

    private RawServer(TempStore temp, ReferenceServerHost host, FakeTimeProvider clock)
    {
        _temp = temp;
        Host = host;
        Clock = clock;
        Http = new HttpClient { BaseAddress = host.BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        Http.DefaultRequestHeaders.Add(WireFormat.ProtocolHeader, WireFormat.ProtocolVersion);
    }

    public ReferenceServerHost Host { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Sends the API key and <c>Cpm-Protocol: 1</c> on every request.</summary>
    public HttpClient Http { get; }

    public static async Task<RawServer> StartAsync(ILoggerProvider? logs = null)
    {
        var temp = new TempStore();
        var clock = new FakeTimeProvider(ServerNow);
        try
        {
            ReferenceServerHost host = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
            {
                DatabasePath = Path.Combine(temp.Directory, "server.db"),
                ApiKeys = [ApiKey],
                Purposes = [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }],
                Channels = ["sms", "email"],
                TimeProvider = clock,
                LoggerProvider = logs,
            });
            return new RawServer(temp, host, clock);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    /// <summary>A valid event as a JSON object, with a fresh UUIDv7 id, ready to be changed field by field.</summary>
    public static JsonObject Event(string choice = "granted", DateTimeOffset? occurredAt = null) => new()
    {
        ["id"] = WireFormat.FormatId(Guid.CreateVersion7(occurredAt ?? EventTime)),
        ["userId"] = "user-42",
        ["purpose"] = "marketing",
        ["channel"] = "sms",
        ["choice"] = choice,
        ["policyVersion"] = 1,
        ["occurredAt"] = WireFormat.FormatTimestamp(occurredAt ?? EventTime),
        ["source"] = "web",
        ["jurisdiction"] = null,
        ["expiresAt"] = null,
        ["evidence"] = new JsonObject { ["ip"] = "203.0.113.7" },
        ["origin"] = "raw-client",
    };

    /// <summary>A push body from raw element texts, in order.</summary>
    public static string Body(params string[] events) => "{\"events\":[" + string.Join(',', events) + "]}";

    public Task<HttpResponseMessage> PushAsync(string body, string contentType = "application/json; charset=utf-8") =>
        Http.PostAsync("v1/events", new StringContent(body, Encoding.UTF8) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } });

    /// <summary>Pushes <paramref name="body"/> and returns the results, asserting a 200.</summary>
    public async Task<JsonArray> PushResultsAsync(string body)
    {
        using HttpResponseMessage response = await PushAsync(body);
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["results"]!.AsArray();
    }

    /// <summary>Every stored event as the server returns it on a pull from the start.</summary>
    public async Task<JsonArray> PullAllAsync()
    {
        string text = await Http.GetStringAsync("v1/events?after=&limit=500&wait=0");
        return JsonNode.Parse(text)!["events"]!.AsArray();
    }

    public static string Text(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = MinimalJsonEncoder.Instance });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _temp.Dispose();
    }
}
