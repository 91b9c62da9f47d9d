using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Cpm.ReferenceServer;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync;
using Cpm.Sdk.Testing.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>Both sides against the examples in docs/protocol.md: the client's models and the reference server's answers.</summary>
public sealed class ProtocolConformanceTests
{
    [Fact]
    public void The_document_holds_every_example_the_tests_rely_on()
    {
        ProtocolDocument.Names.Should().BeEquivalentTo(
            ["event", "push-request", "push-response", "push-broken-request", "push-broken-response", "pull-response", "catalog", "error",
             "checkpoint-key", "checkpoint", "earlier-checkpoint", "consistency-proof", "inclusion-proof",
             "link-event", "unlink-event", "erasure-event", "scrubbed-event", "capped-event"]);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("capped-event")]
    [InlineData("push-request")]
    [InlineData("push-response")]
    [InlineData("pull-response")]
    public void Every_id_and_timestamp_in_the_valid_examples_has_the_one_form_section_1_allows(string example)
    {
        List<(string Name, string Value)> fields = [.. Strings(ProtocolDocument.Json(example))];

        fields.Where(f => f.Name == "id").Should().NotBeEmpty()
            .And.OnlyContain(f => IsUuidV7(f.Value), "ids are lowercase UUIDv7");
        fields.Where(f => f.Name is "occurredAt" or "expiresAt").Should()
            .NotContain(f => WireFormat.ParseTimestamp(f.Value) == null, "timestamps are yyyy-MM-ddTHH:mm:ss.fffZ");
    }

    [Fact]
    public void Every_example_round_trips_through_the_client_models_without_losing_a_field()
    {
        RoundTrip("event", ProtocolJson.WireEvent);
        RoundTrip("capped-event", ProtocolJson.WireEvent);
        RoundTrip("push-request", ProtocolJson.PushRequest);
        RoundTrip("push-response", ProtocolJson.PushResponse);
        RoundTrip("pull-response", ProtocolJson.PullResponse);
        RoundTrip("catalog", ProtocolJson.WireCatalog);
        RoundTrip("error", ProtocolJson.WireError);
        RoundTrip("checkpoint", ProtocolJson.CheckpointResponse);
        RoundTrip("earlier-checkpoint", ProtocolJson.CheckpointResponse);
        RoundTrip("consistency-proof", ProtocolJson.ConsistencyProofResponse);
        RoundTrip("inclusion-proof", ProtocolJson.InclusionProofResponse);
    }

    [Fact]
    public void The_checkpoint_examples_are_signed_by_the_published_key_and_their_proofs_verify_with_MerkleLog()
    {
        CheckpointSignature.TryImportPublicKey(ProtocolDocument.Text("checkpoint-key"), out System.Security.Cryptography.ECDsa? key).Should().BeNull();
        using (key)
        {
            (long size5, byte[] root5) = Verified("earlier-checkpoint", key!);
            (long size7, byte[] root7) = Verified("checkpoint", key!);
            ConsistencyProofResponse consistency = JsonSerializer.Deserialize(ProtocolDocument.Text("consistency-proof"), ProtocolJson.ConsistencyProofResponse)!;
            InclusionProofResponse inclusion = JsonSerializer.Deserialize(ProtocolDocument.Text("inclusion-proof"), ProtocolJson.InclusionProofResponse)!;
            byte[] leaf = Cpm.Sdk.Audit.AuditLeaf.Hash(JsonSerializer.Deserialize(ProtocolDocument.Text("event"), ProtocolJson.WireEvent)!);

            (size5, size7).Should().Be((5L, 7L));
            Cpm.Sdk.Audit.MerkleLog.VerifyConsistency(size5, size7, root5, root7, CheckpointFormat.ParseProof(consistency.Proof)!).Should().BeTrue();
            inclusion.Index.Should().Be(4);
            Cpm.Sdk.Audit.MerkleLog.VerifyInclusion(inclusion.Index, size7, leaf, CheckpointFormat.ParseProof(inclusion.Proof)!, root7)
                .Should().BeTrue("leaf 4 of the example log is the example event of §2");
        }

        static (long Size, byte[] Root) Verified(string example, System.Security.Cryptography.ECDsa key)
        {
            CheckpointResponse response = JsonSerializer.Deserialize(ProtocolDocument.Text(example), ProtocolJson.CheckpointResponse)!;
            response.KeyId.Should().Be(CheckpointSignature.KeyId(key));
            CheckpointSignature.Verify(response.Checkpoint!, Convert.FromBase64String(response.Signature!), key).Should().BeTrue($"{example} is signed by the published key");
            CheckpointFormat.TryParse(response.Checkpoint, out string origin, out long size, out byte[] root).Should().BeTrue();
            origin.Should().Be("cpm.example.com/log");
            return (size, root);
        }
    }

    [Fact]
    public void The_client_writes_the_example_event_exactly()
    {
        WireEvent wire = JsonSerializer.Deserialize(ProtocolDocument.Text("event"), ProtocolJson.WireEvent)!;
        WireMapping.TryParse(wire, receivedAt: null, out StoredEvent? parsed).Should().BeNull();

        JsonNode written = JsonSerializer.SerializeToNode(WireMapping.ToWire(parsed!), ProtocolJson.WireEvent)!;

        JsonNode.DeepEquals(written, ProtocolDocument.Json("event")).Should().BeTrue(written.ToJsonString());
    }

    [Fact]
    public async Task The_reference_server_answers_as_the_examples_say()
    {
        using var temp = new TempStore();
        await using ReferenceServerHost server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            DatabasePath = Path.Combine(temp.Directory, "server.db"),
            ApiKeys = [SyncHarness.ApiKey],
            Purposes =
            [
                new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 2, Validity = TimeSpan.FromDays(365) },
                new PurposeDefinition { Id = "service-updates", LegalBasis = LegalBasis.LegitimateInterest },
                new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.Consent, HonorsGpc = true, Jurisdictions = { ["CCPA"] = LegalBasis.OptOut } },
                new PurposeDefinition { Id = "cross-border", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true },
            ],
            Channels = ["sms", "email", "wechat", "app-push"],
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)),   // the day after the examples
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SyncHarness.ApiKey);
        http.DefaultRequestHeaders.Add("Cpm-Protocol", "1");

        await AssertAnswer(http.PostAsync("v1/events", Json(ProtocolDocument.Text("push-request"))), HttpStatusCode.OK, "push-response");
        await AssertAnswer(http.GetAsync("v1/events?after=&limit=500&wait=0"), HttpStatusCode.OK, "pull-response");
        await AssertAnswer(http.GetAsync("v1/catalog"), HttpStatusCode.OK, "catalog");

        string tooMany = "{\"events\":[" + string.Join(',', Enumerable.Repeat(ProtocolDocument.Text("event"), 501)) + "]}";
        await AssertAnswer(http.PostAsync("v1/events", Json(tooMany)), HttpStatusCode.BadRequest, "error");

        await AssertAnswer(http.PostAsync("v1/events", Json(ProtocolDocument.Text("push-broken-request"))), HttpStatusCode.OK, "push-broken-response");
        server.EventCount().Should().Be(2, "the first example event and the one valid event among the broken ones");
        (await http.GetStringAsync("v1/events?after=1")).Should().Contain("{\"签名\":\"同意\"}", "the wire carries CJK text as UTF-8");
    }

    [Fact]
    public async Task The_client_sends_the_documented_headers()
    {
        using var temp = new TempStore();
        var requests = new List<(string Path, string? Authorization, string? Protocol, string? ContentType)>();
        await using ReferenceServerHost server = await SyncHarness.StartServerAsync(temp.Directory, app => app.Use(async (context, next) =>
        {
            lock (requests)
            {
                requests.Add((context.Request.Path, context.Request.Headers.Authorization, context.Request.Headers["Cpm-Protocol"], context.Request.ContentType));
            }

            await next(context);
        }));
        await using CpmClient client = await CpmClient.OpenAsync(SyncHarness.ClientOptions(temp, server.BaseAddress));
        await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        await SyncHarness.EventuallyAsync(() => server.EventCount() == 1, TimeSpan.FromSeconds(30), "the event is pushed");

        (string, string?, string?, string?)[] snapshot;
        lock (requests)
        {
            snapshot = [.. requests];
        }

        snapshot.Should().Contain(r => r.Item1 == "/v1/events" && r.Item4 == "application/json; charset=utf-8");
        snapshot.Should().Contain(r => r.Item1 == "/v1/catalog");
        snapshot.Should().OnlyContain(r => r.Item2 == $"Bearer {SyncHarness.ApiKey}" && r.Item3 == "1");
    }

    private static bool IsUuidV7(string value) => WireFormat.TryParseId(value, out _);

    /// <summary>Every string-valued property in <paramref name="node"/>, at any depth, with its name.</summary>
    private static IEnumerable<(string Name, string Value)> Strings(JsonNode? node)
    {
        IEnumerable<(string, JsonNode?)> children = node switch
        {
            JsonObject o => o.Select(p => (p.Key, p.Value)),
            JsonArray a => a.Select(v => ("", v)),
            _ => [],
        };
        foreach ((string name, JsonNode? child) in children)
        {
            if (child is JsonValue value && value.TryGetValue(out string? text))
            {
                yield return (name, text);
            }

            foreach ((string, string) nested in Strings(child))
            {
                yield return nested;
            }
        }
    }

    private static void RoundTrip<T>(string example, JsonTypeInfo<T> type)
    {
        T model = JsonSerializer.Deserialize(ProtocolDocument.Text(example), type)!;
        JsonNode written = JsonSerializer.SerializeToNode(model, type)!;
        JsonNode.DeepEquals(written, ProtocolDocument.Json(example)).Should().BeTrue($"{example}: {written.ToJsonString()}");
    }

    private static async Task AssertAnswer(Task<HttpResponseMessage> call, HttpStatusCode status, string example)
    {
        using HttpResponseMessage response = await call;
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        JsonNode.DeepEquals(JsonNode.Parse(body), ProtocolDocument.Json(example)).Should().BeTrue($"{example}: {body}");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
