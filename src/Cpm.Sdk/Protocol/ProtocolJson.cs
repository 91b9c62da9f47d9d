using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// The serializers of wire protocol v1, source-generated and shared by clients and servers. Strict where the protocol
/// is (docs/protocol.md §1): property names are case-sensitive camelCase (<c>"Choice"</c> is an unknown field,
/// ignored), numbers are never read from strings, a property named twice is an error, nulls are written, unknown
/// fields are ignored. Text is written as UTF-8 with only the escapes JSON requires (<c>"中"</c>, not
/// <c>"\u4E2D"</c>), so evidence is measured in the bytes it really takes.
/// </summary>
/// <example>
/// <code>
/// string json = JsonSerializer.Serialize(new WireError { Error = "..." }, ProtocolJson.WireError);
/// await response.WriteAsJsonAsync(pullResponse, ProtocolJson.PullResponse, "application/json; charset=utf-8");
/// </code>
/// </example>
public static class ProtocolJson
{
    private static readonly ProtocolJsonContext Context = new(CreateOptions());

    /// <summary>Reads and writes one <see cref="Protocol.WireEvent"/>; a server stores an accepted event in this form.</summary>
    public static JsonTypeInfo<WireEvent> WireEvent => Context.WireEvent;

    /// <summary>Reads and writes the body of <c>POST v1/events</c>.</summary>
    public static JsonTypeInfo<PushRequest> PushRequest => Context.PushRequest;

    /// <summary>Reads and writes the 200 body of <c>POST v1/events</c>.</summary>
    public static JsonTypeInfo<PushResponse> PushResponse => Context.PushResponse;

    /// <summary>Reads and writes the 200 body of <c>GET v1/events</c>.</summary>
    public static JsonTypeInfo<PullResponse> PullResponse => Context.PullResponse;

    /// <summary>Reads and writes the body of <c>GET v1/catalog</c>.</summary>
    public static JsonTypeInfo<WireCatalog> WireCatalog => Context.WireCatalog;

    /// <summary>Reads and writes an error body, <c>{"error":"..."}</c>.</summary>
    public static JsonTypeInfo<WireError> WireError => Context.WireError;

    /// <summary>Reads and writes the 200 body of <c>GET v1/checkpoint</c>.</summary>
    public static JsonTypeInfo<CheckpointResponse> CheckpointResponse => Context.CheckpointResponse;

    /// <summary>Reads and writes the 200 body of <c>GET v1/proofs/consistency</c>.</summary>
    public static JsonTypeInfo<ConsistencyProofResponse> ConsistencyProofResponse => Context.ConsistencyProofResponse;

    /// <summary>Reads and writes the 200 body of <c>GET v1/proofs/inclusion</c>.</summary>
    public static JsonTypeInfo<InclusionProofResponse> InclusionProofResponse => Context.InclusionProofResponse;

    /// <summary>
    /// A fresh copy of the options behind every serializer above, for other contexts that must read and write the same
    /// way (evidence, the client's pulled pages).
    /// </summary>
    internal static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Encoder = MinimalJsonEncoder.Instance,
    };
}

/// <summary>
/// Source-generated metadata for the wire models. Use it through <see cref="ProtocolJson"/>, which adds the encoder
/// (an attribute cannot carry one); the attribute repeats the other rules so both agree.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(PushRequest))]
[JsonSerializable(typeof(PushResponse))]
[JsonSerializable(typeof(PullResponse))]
[JsonSerializable(typeof(WireCatalog))]
[JsonSerializable(typeof(WireError))]
[JsonSerializable(typeof(CheckpointResponse))]
[JsonSerializable(typeof(ConsistencyProofResponse))]
[JsonSerializable(typeof(InclusionProofResponse))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
