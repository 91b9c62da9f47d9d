using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpm.Sdk.Model;

/// <summary>Evidence maps as compact JSON objects, through source generation.</summary>
internal static class EvidenceJson
{
    /// <summary>The largest evidence accepted, in UTF-8 bytes of JSON.</summary>
    public const int MaxBytes = 16 * 1024;

    public static byte[] Serialize(IReadOnlyDictionary<string, string> evidence) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDictionary(evidence), EvidenceJsonContext.Default.DictionaryStringString);

    public static IReadOnlyDictionary<string, string>? Deserialize(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.DictionaryStringString);

    private static Dictionary<string, string> ToDictionary(IReadOnlyDictionary<string, string> evidence) =>
        evidence as Dictionary<string, string> ?? new Dictionary<string, string>(evidence, StringComparer.Ordinal);
}

/// <summary>Source-generated serializer metadata for evidence.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class EvidenceJsonContext : JsonSerializerContext;
