using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>
/// The API's JSON: camelCase, strict on the way in (a field the API does not know, or one named twice, is refused
/// rather than ignored: a misspelt <c>expiresAt</c> must not store a consent without expiry; a number is a JSON number).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CpmCaptureRequest))]
[JsonSerializable(typeof(CpmRecordsResponse))]
[JsonSerializable(typeof(CpmDecisionsResponse))]
[JsonSerializable(typeof(CpmLinkRequest))]
[JsonSerializable(typeof(CpmLinkResponse))]
internal sealed partial class ConsentApiJson : JsonSerializerContext;
