using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Requests refused whole (docs/protocol.md §6): the exact status, a short error body of the server's own words,
/// and nothing stored, although each request carries a valid event.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class BatchRefusalTests
{
    private const int MiB = 1024 * 1024;

    private static readonly Dictionary<string, (Func<HttpRequestMessage> Request, HttpStatusCode Status, string Error)> Cases = new()
    {
        ["body not JSON"] = (() => Post(ValidBody()[..^2]), HttpStatusCode.BadRequest, "request body is not valid JSON"),
        ["text after the JSON"] = (() => Post(ValidBody() + " x"), HttpStatusCode.BadRequest, "request body is not valid JSON"),
        ["body not UTF-8"] = (() => Post([.. Encoding.UTF8.GetBytes(ValidBody()[..^2]), 0xFF, (byte)']', (byte)'}']), HttpStatusCode.BadRequest, "request body is not valid UTF-8"),
        ["body not an object"] = (() => Post("[" + ValidBody() + "]"), HttpStatusCode.BadRequest, "'events' array"),
        ["events missing"] = (() => Post(ValidBody().Replace("\"events\"", "\"Events\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "'events' array"),
        ["events not an array"] = (() => Post("{\"events\":" + Event() + "}"), HttpStatusCode.BadRequest, "'events' array"),
        ["events named twice"] = (() => Post("{\"events\":[],\"events\":[" + Event() + "]}"), HttpStatusCode.BadRequest, "'events' more than once"),
        ["501 events"] = (() => Post(RawServer.Body([.. Enumerable.Range(0, 501).Select(_ => Event())])), HttpStatusCode.BadRequest, "batch holds 501 events; the limit is 500"),
        ["text/plain"] = (() => Post(ValidBody(), "text/plain; charset=utf-8"), HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json; charset=utf-8"),
        ["no Content-Type"] = (() => Post(ValidBody(), null), HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json"),
        ["JSON in another charset"] = (() => Post(ValidBody(), "application/json; charset=iso-8859-1"), HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json"),
        ["body over 16 MiB"] = (() => Oversized(), HttpStatusCode.RequestEntityTooLarge, "request body is larger than 16 MiB"),
        ["PUT on v1/events"] = (() => new HttpRequestMessage(HttpMethod.Put, "v1/events") { Content = Json(ValidBody()) }, HttpStatusCode.MethodNotAllowed, "method not allowed; use GET, POST"),
        ["DELETE on v1/catalog"] = (() => new HttpRequestMessage(HttpMethod.Delete, "v1/catalog"), HttpStatusCode.MethodNotAllowed, "method not allowed; use GET"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_request_refused_whole_gets_its_exact_status_and_stores_nothing(string name)
    {
        (Func<HttpRequestMessage> request, HttpStatusCode status, string error) = Cases[name];
        await using RawServer server = await RawServer.StartAsync();

        using HttpResponseMessage response = await server.Http.SendAsync(request());
        string body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        JsonNode.Parse(body)!["error"]!.GetValue<string>().Should().Contain(error);
        body.Should().NotContainAny(["System.", "JsonException", "Path:", "LineNumber", "BytePosition", "Microsoft."], "400 bodies never echo framework messages");
        if (status == HttpStatusCode.MethodNotAllowed)
        {
            response.Content.Headers.Allow.Should().NotBeEmpty();
            string.Join(", ", response.Content.Headers.Allow).Should().Be(error["method not allowed; use ".Length..]);
        }

        server.Host.EventCount().Should().Be(0);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON; CHARSET=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    public async Task Json_with_or_without_the_utf8_charset_is_accepted(string contentType)
    {
        await using RawServer server = await RawServer.StartAsync();

        using HttpResponseMessage response = await server.Http.SendAsync(Post(ValidBody(), contentType));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        server.Host.EventCount().Should().Be(1);
    }

    [Fact]
    public async Task A_request_line_over_8_KiB_gets_414()
    {
        await using RawServer server = await RawServer.StartAsync();

        using HttpResponseMessage response = await server.Http.GetAsync("v1/events?after=" + new string('1', 9 * 1024));

        response.StatusCode.Should().Be(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task An_unsupported_protocol_version_gets_400_with_the_exact_body_clients_recognise()
    {
        await using RawServer server = await RawServer.StartAsync();
        using HttpRequestMessage request = Post(ValidBody());
        request.Headers.Remove("Cpm-Protocol");
        request.Headers.Add("Cpm-Protocol", "2");

        using HttpResponseMessage response = await server.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"error\":\"unsupported protocol version\"}");
        server.Host.EventCount().Should().Be(0);
    }

    private static string Event() => RawServer.Text(RawServer.Event());

    private static string ValidBody() => RawServer.Body(Event());

    private static ByteArrayContent Json(string body) => Bytes(Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8");

    private static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static HttpRequestMessage Post(string body, string? contentType = "application/json; charset=utf-8") =>
        new(HttpMethod.Post, "v1/events") { Content = Bytes(Encoding.UTF8.GetBytes(body), contentType) };

    private static HttpRequestMessage Post(byte[] body) =>
        new(HttpMethod.Post, "v1/events") { Content = Bytes(body, "application/json; charset=utf-8") };

    /// <summary>A valid push padded with white space to 16 MiB + 1 byte; sent only once the server says continue.</summary>
    private static HttpRequestMessage Oversized()
    {
        string body = ValidBody();
        var request = Post(body + new string(' ', (16 * MiB) + 1 - Encoding.UTF8.GetByteCount(body)));
        request.Headers.ExpectContinue = true;
        return request;
    }
}
