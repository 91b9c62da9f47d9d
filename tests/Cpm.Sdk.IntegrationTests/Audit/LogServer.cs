using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.ReferenceServer;
using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Server;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// A reference server on a database file that outlives it: start, stop, edit the file, start again on the same port.
/// Spoken to with raw HTTP, as an auditor's tool would; every answer it reads is checked with the public SDK API only.
/// </summary>
internal sealed class LogServer : IAsyncDisposable
{
    private readonly HttpClient _http;

    private LogServer(ReferenceServerHost host)
    {
        Host = host;
        _http = new HttpClient { BaseAddress = host.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SyncHarness.ApiKey);
        _http.DefaultRequestHeaders.Add(WireFormat.ProtocolHeader, WireFormat.ProtocolVersion);
    }

    public ReferenceServerHost Host { get; }

    public HttpClient Http => _http;

    /// <summary>
    /// Starts a server on <paramref name="databasePath"/>; by default the server clock is a day after the events of
    /// <see cref="RawServer.Event"/>, whatever today's date (pass <see cref="TimeProvider.System"/> for SDK clients).
    /// </summary>
    public static async Task<LogServer> StartAsync(
        string databasePath,
        string url = "http://127.0.0.1:0",
        string? keyPem = null,
        Action<IApplicationBuilder>? beforeEndpoints = null,
        TimeProvider? clock = null) =>
        new(await ReferenceServerHost.StartAsync(
            new ReferenceServerOptions
            {
                DatabasePath = databasePath,
                ApiKeys = [SyncHarness.ApiKey],
                Url = url,
                Purposes =
                [
                    new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent },
                    new PurposeDefinition { Id = "analytics", LegalBasis = LegalBasis.LegitimateInterest },
                ],
                Channels = ["sms", "email", "wechat", "app-push"],
                TimeProvider = clock ?? new FakeTimeProvider(RawServer.ServerNow),
                CheckpointKeyPem = keyPem,
            },
            beforeEndpoints));

    /// <summary>Pushes raw events and asserts each was accepted.</summary>
    public async Task PushAsync(IEnumerable<JsonObject> events)
    {
        string body = RawServer.Body([.. events.Select(RawServer.Text)]);
        using HttpResponseMessage response = await _http.PostAsync("v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        JsonNode.Parse(text)!["results"]!.AsArray().Should().OnlyContain(r => (string?)r!["status"] == "accepted", text);
    }

    /// <summary>Every event the server holds, in server order, as pulled.</summary>
    public async Task<List<WireEvent>> PullAllAsync()
    {
        var events = new List<WireEvent>();
        string cursor = "";
        while (true)
        {
            PullResponse page = JsonSerializer.Deserialize(
                await _http.GetStringAsync($"v1/events?after={cursor}&limit=500&wait=0"), ProtocolJson.PullResponse)!;
            events.AddRange(page.Events!);
            cursor = page.Cursor!;
            if (!page.HasMore)
            {
                return events;
            }
        }
    }

    /// <summary>The public key as served at <c>v1/checkpoint-key</c>.</summary>
    public async Task<ECDsa> PublicKeyAsync()
    {
        using HttpResponseMessage response = await _http.GetAsync("v1/checkpoint-key");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-pem-file");
        CheckpointSignature.TryImportPublicKey(await response.Content.ReadAsStringAsync(), out ECDsa? key).Should().BeNull();
        return key!;
    }

    /// <summary>The current checkpoint, after checking its key id and signature against the served key.</summary>
    public async Task<Checkpoint> CheckpointAsync()
    {
        CheckpointResponse response = JsonSerializer.Deserialize(await _http.GetStringAsync("v1/checkpoint"), ProtocolJson.CheckpointResponse)!;
        using ECDsa key = await PublicKeyAsync();
        response.KeyId.Should().Be(CheckpointSignature.KeyId(key)).And.Be(Host.CheckpointKeyId);
        CheckpointSignature.Verify(response.Checkpoint!, Convert.FromBase64String(response.Signature!), key).Should().BeTrue("the checkpoint is signed by the served key");
        CheckpointFormat.TryParse(response.Checkpoint, out string origin, out long size, out byte[] root).Should().BeTrue(response.Checkpoint);
        return new Checkpoint(origin, size, root, response.KeyId!);
    }

    public async Task<(long Index, IReadOnlyList<byte[]> Proof)> InclusionAsync(string id, long size)
    {
        InclusionProofResponse response = JsonSerializer.Deserialize(
            await _http.GetStringAsync($"v1/proofs/inclusion?id={id}&size={size}"), ProtocolJson.InclusionProofResponse)!;
        return (response.Index, CheckpointFormat.ParseProof(response.Proof)!);
    }

    public async Task<IReadOnlyList<byte[]>> ConsistencyAsync(long from, long to)
    {
        ConsistencyProofResponse response = JsonSerializer.Deserialize(
            await _http.GetStringAsync($"v1/proofs/consistency?from={from}&to={to}"), ProtocolJson.ConsistencyProofResponse)!;
        return CheckpointFormat.ParseProof(response.Proof)!;
    }

    /// <summary>The leaf hashes of events as pulled, computed by the SDK's public <see cref="AuditLeaf"/>.</summary>
    public static List<byte[]> Leaves(IEnumerable<WireEvent> events) => [.. events.Select(AuditLeaf.Hash)];

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A verified checkpoint.</summary>
    internal sealed record Checkpoint(string Origin, long Size, byte[] Root, string KeyId);
}
