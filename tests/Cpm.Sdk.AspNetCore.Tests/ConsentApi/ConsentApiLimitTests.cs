using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Cpm.Sdk.AspNetCore.Tests.Hosting;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>
/// What the API reads: JSON only (415), a body up to MaxRequestBodySize whether its length is announced or it comes in
/// chunks (413 beyond, before anything is stored), and up to MaxCapturesPerRequest captures.
/// </summary>
public sealed class ConsentApiLimitTests
{
    private const int Limit = 1024;

    [Fact]
    public async Task A_body_without_a_json_content_type_gets_415_and_stores_nothing()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store);
        using HttpRequestMessage untyped = ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item()));
        untyped.Content!.Headers.ContentType = null;

        using HttpResponseMessage response = await site.Http.SendAsync(untyped);
        (int status, string? contentType, JsonObject problem) = await ApiSite.ReadProblemAsync(response);

        status.Should().Be(415);
        contentType.Should().Be("application/problem+json");
        ((string?)problem["detail"]).Should().Be("The body must be JSON (Content-Type: application/json).");
        foreach (string declared in new[] { "text/plain", "text/json", "application/x-www-form-urlencoded", "application/xml" })
        {
            using HttpResponseMessage refused = await site.Http.SendAsync(ApiSite.Post("cpm/consents", ApiSite.Captures(ApiSite.Item()), contentType: declared));
            refused.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, declared);
        }

        (await site.Client.GetCheckpointAsync()).Size.Should().Be(0);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_recorded_and_one_announced_larger_gets_413_before_it_is_sent()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => o.MaxRequestBodySize = Limit);

        using HttpResponseMessage atLimit = await site.Http.SendAsync(ApiSite.Post("cpm/consents", Padded(Limit, "at-limit")));
        int announced = await AnnounceOnlyAsync(site, Limit + 1);

        atLimit.StatusCode.Should().Be(HttpStatusCode.OK, await atLimit.Content.ReadAsStringAsync());
        announced.Should().Be(413, "the announced length is over the limit: none of the body is awaited");
        (await site.Client.GetHistoryAsync("at-limit")).Should().ContainSingle();
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(1);
    }

    [Fact]
    public async Task A_chunked_body_is_read_up_to_the_limit_and_one_byte_more_gets_413()
    {
        using var store = new TempStore();
        var lengths = new ConcurrentQueue<long?>();
        await using TestSite site = await ApiSite.StartAsync(
            store,
            o => o.MaxRequestBodySize = Limit,
            pipeline: app => app.Use((context, next) =>
            {
                lengths.Enqueue(context.Request.ContentLength);
                return next(context);
            }));

        using HttpResponseMessage atLimit = await site.Http.SendAsync(Chunked(Padded(Limit, "chunked-at-limit")));
        using HttpResponseMessage over = await site.Http.SendAsync(Chunked(Padded(Limit + 1, "chunked-over")));

        lengths.Should().Equal([null, null], "both bodies came without a Content-Length");
        atLimit.StatusCode.Should().Be(HttpStatusCode.OK, await atLimit.Content.ReadAsStringAsync());
        (int status, string? contentType, JsonObject problem) = await ApiSite.ReadProblemAsync(over);
        status.Should().Be(413);
        contentType.Should().Be("application/problem+json");
        ((string?)problem["detail"]).Should().Be($"The body is larger than {Limit} bytes.");
        (await site.Client.GetHistoryAsync("chunked-at-limit")).Should().ContainSingle();
        (await site.Client.GetHistoryAsync("chunked-over")).Should().BeEmpty("a body over the limit is refused whole, valid or not");
    }

    [Fact]
    public async Task Exactly_MaxCapturesPerRequest_captures_are_recorded_and_one_more_is_refused_naming_captures()
    {
        using var store = new TempStore();
        await using TestSite site = await ApiSite.StartAsync(store, o => o.MaxCapturesPerRequest = 3);

        using HttpResponseMessage three = await site.Http.SendAsync(ApiSite.Post(
            "cpm/consents", ApiSite.Captures([.. Enumerable.Range(0, 3).Select(i => ApiSite.Item(userId: $"allowed-{i}"))])));
        using HttpResponseMessage four = await site.Http.SendAsync(ApiSite.Post(
            "cpm/consents", ApiSite.Captures([.. Enumerable.Range(0, 4).Select(i => ApiSite.Item(userId: $"refused-{i}"))])));

        three.StatusCode.Should().Be(HttpStatusCode.OK, await three.Content.ReadAsStringAsync());
        (int status, _, JsonObject problem) = await ApiSite.ReadProblemAsync(four);
        status.Should().Be(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("captures");
        ((string?)problem["errors"]!["captures"]![0]).Should().Be("Between 1 and 3 captures are recorded at once.");
        (await site.Client.GetCheckpointAsync()).Size.Should().Be(3, "the three of the first request, none of the second");
        (await site.Client.GetHistoryAsync("refused-0")).Should().BeEmpty();
    }

    /// <summary>A valid capture for <paramref name="userId"/>, padded with trailing whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    private static string Padded(int bytes, string userId)
    {
        string json = ApiSite.Captures(ApiSite.Item(userId: userId));
        int length = Encoding.UTF8.GetByteCount(json);
        length.Should().BeLessThan(bytes);
        return json + new string(' ', bytes - length);
    }

    private static HttpRequestMessage Chunked(string json)
    {
        HttpRequestMessage request = ApiSite.Post("cpm/consents", "");
        request.Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>
    /// Sends a request's head announcing <paramref name="contentLength"/> bytes and none of them, and reads the status
    /// of the answer. A server that waited for the body would time the request out instead.
    /// </summary>
    private static async Task<int> AnnounceOnlyAsync(TestSite site, int contentLength)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Uri address = site.Http.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, deadline.Token);
        NetworkStream stream = tcp.GetStream();
        string head = $"POST /cpm/consents HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {contentLength}\r\n{TestAuth.UserHeader}: {ApiSite.Touchpoint}\r\n{TestAuth.RolesHeader}: {TestAuth.TouchpointRole}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);

        var received = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, deadline.Token);
            read.Should().BePositive("the server answers before closing");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        string statusLine = received.ToString()[..received.ToString().IndexOf("\r\n", StringComparison.Ordinal)];
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Content whose length is not known up front, so the client sends it chunked.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
