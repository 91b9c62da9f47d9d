using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// The serializers of wire protocol v1, shared by the client and the reference server. Strict where the protocol is:
/// property names are case-sensitive camelCase (<c>"Choice"</c> is an unknown field, ignored), numbers are never
/// read from strings, a property named twice is an error, nulls are written. Unknown fields are ignored. Text is
/// written as UTF-8 with only the escapes JSON requires (<see cref="MinimalJsonEncoder"/>).
/// </summary>
internal static class ProtocolJson
{
    /// <summary>The one context every wire body is read and written with.</summary>
    public static ProtocolJsonContext Default { get; } = new(CreateOptions());

    /// <summary>The options behind <see cref="Default"/>; evidence uses the same encoder and duplicate rule.</summary>
    public static JsonSerializerOptions CreateOptions() => new()
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
/// Source-generated metadata for the wire models. Use it through <see cref="ProtocolJson.Default"/>, which adds the
/// encoder (an attribute cannot carry one); the attribute repeats the other rules so both agree.
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
[JsonSerializable(typeof(PulledPage))]
[JsonSerializable(typeof(WireCatalog))]
[JsonSerializable(typeof(WireError))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
