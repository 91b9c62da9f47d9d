using System.Net;
using System.Text.Json;
using Cpm.Sdk.IntegrationTests.Server;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// The checkpoint and proof endpoints refuse what they cannot answer (docs/protocol.md §9): bad parameters and sizes
/// beyond the log get 400 and an unknown event 404, each with the protocol's error body; authentication, the protocol
/// header and methods follow the rules of every other endpoint.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class ProofParameterTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private LogServer _server = null!;
    private List<WireEvent> _events = null!;

    public async Task InitializeAsync()
    {
        _server = await LogServer.StartAsync(Path.Combine(_temp.Directory, "server.db"));
        await _server.PushAsync(Enumerable.Range(0, 5).Select(_ => RawServer.Event()));
        _events = await _server.PullAllAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("v1/proofs/consistency")]
    [InlineData("v1/proofs/consistency?from=1")]
    [InlineData("v1/proofs/consistency?to=5")]
    [InlineData("v1/proofs/consistency?from=&to=5")]
    [InlineData("v1/proofs/consistency?from=a&to=5")]
    [InlineData("v1/proofs/consistency?from=-1&to=5")]
    [InlineData("v1/proofs/consistency?from=+1&to=5")]
    [InlineData("v1/proofs/consistency?from=1.0&to=5")]
    [InlineData("v1/proofs/consistency?from=1&from=2&to=5")]
    [InlineData("v1/proofs/consistency?from=4&to=3")]
    [InlineData("v1/proofs/consistency?from=1&to=6")]
    [InlineData("v1/proofs/consistency?from=1&to=99999999999999999999")]
    [InlineData("v1/proofs/inclusion?size=5")]
    [InlineData("v1/proofs/inclusion?id=not-an-id&size=5")]
    [InlineData("v1/proofs/inclusion?id={UPPER}&size=5")]
    [InlineData("v1/proofs/inclusion?id={0}")]
    [InlineData("v1/proofs/inclusion?id={0}&size=0")]
    [InlineData("v1/proofs/inclusion?id={0}&size=6")]
    [InlineData("v1/proofs/inclusion?id={0}&size=x")]
    [InlineData("v1/proofs/inclusion?id={3}&size=3")]
    public async Task A_bad_parameter_or_a_size_beyond_the_log_gets_400_with_an_error_body(string uri)
    {
        await AssertErrorAsync(Uri(uri), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_event_the_server_does_not_hold_gets_404()
    {
        await AssertErrorAsync($"v1/proofs/inclusion?id={WireFormat.FormatId(Guid.CreateVersion7())}&size=5", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("v1/proofs/consistency?from=0&to=5", 0)]
    [InlineData("v1/proofs/consistency?from=5&to=5", 0)]
    [InlineData("v1/proofs/consistency?from=0&to=0", 0)]
    [InlineData("v1/proofs/consistency?from=3&to=5", 4)]
    [InlineData("v1/proofs/inclusion?id={4}&size=5", 1)]
    [InlineData("v1/proofs/inclusion?id={0}&size=1", 0)]
    public async Task Edge_sizes_are_answered(string uri, int proofLength)
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(Uri(uri));
        string body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        JsonDocument.Parse(body).RootElement.GetProperty("proof").GetArrayLength().Should().Be(proofLength, body);
    }

    [Theory]
    [InlineData("v1/checkpoint")]
    [InlineData("v1/checkpoint-key")]
    [InlineData("v1/proofs/consistency?from=0&to=5")]
    [InlineData("v1/proofs/inclusion?id={0}&size=5")]
    public async Task The_new_endpoints_follow_the_rules_of_every_other_endpoint(string uri)
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Host.BaseAddress };
        using HttpResponseMessage unauthenticated = await anonymous.GetAsync(Uri(uri));
        using var wrongVersion = new HttpRequestMessage(HttpMethod.Get, Uri(uri)) { Headers = { { "Cpm-Protocol", "2" } } };
        wrongVersion.Headers.Authorization = _server.Http.DefaultRequestHeaders.Authorization;
        using HttpResponseMessage unsupported = await anonymous.SendAsync(wrongVersion);
        using HttpResponseMessage post = await _server.Http.PostAsync(Uri(uri), new StringContent("{}"));

        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unsupported.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unsupported.Content.ReadAsStringAsync()).Should().Be("""{"error":"unsupported protocol version"}""");
        post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        post.Content.Headers.Allow.Should().Equal("GET");
    }

    private async Task AssertErrorAsync(string uri, HttpStatusCode status)
    {
        using HttpResponseMessage response = await _server.Http.GetAsync(uri);
        string body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(status, body);
        JsonSerializer.Deserialize(body, ProtocolJson.WireError)!.Error.Should().NotBeNullOrWhiteSpace(body);
    }

    /// <summary>The URI with <c>{i}</c> replaced by the id of event i and <c>{UPPER}</c> by an id in upper case.</summary>
    private string Uri(string template)
    {
        string uri = template.Replace("{UPPER}", _events[0].Id!.ToUpperInvariant(), StringComparison.Ordinal);
        for (int i = 0; i < _events.Count; i++)
        {
            uri = uri.Replace($"{{{i}}}", _events[i].Id, StringComparison.Ordinal);
        }

        return uri;
    }
}
