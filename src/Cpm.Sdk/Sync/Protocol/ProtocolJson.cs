using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpm.Sdk.Sync.Protocol;

/// <summary>Source-generated serializers for wire protocol v1: camelCase, nulls written, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(PushRequest))]
[JsonSerializable(typeof(PushResponse))]
[JsonSerializable(typeof(PullResponse))]
[JsonSerializable(typeof(WireCatalog))]
[JsonSerializable(typeof(WireError))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
