using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Sync;

/// <summary>
/// The 200 body of <c>GET v1/events</c> as the client reads it: each event kept as raw JSON, so a structurally
/// broken one (docs/protocol.md §3) is parked on its own instead of failing the page and stalling the pull.
/// </summary>
internal sealed class PulledPage
{
    /// <summary>Reads a page with the rules of <see cref="ProtocolJson"/>.</summary>
    public static JsonTypeInfo<PulledPage> TypeInfo { get; } = new PulledPageJsonContext(ProtocolJson.CreateOptions()).PulledPage;

    public List<JsonElement>? Events { get; set; }

    public string? Cursor { get; set; }

    public bool HasMore { get; set; }
}

/// <summary>Source-generated metadata for <see cref="PulledPage"/>; the attribute repeats the rules of <see cref="ProtocolJson"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PulledPage))]
internal sealed partial class PulledPageJsonContext : JsonSerializerContext;
