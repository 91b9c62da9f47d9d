using System.Text.Json;
using System.Text.Json.Serialization;
using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Model;

/// <summary>
/// Evidence maps as compact JSON objects, through source generation, written as the wire writes them: UTF-8 with only
/// the escapes JSON requires, so the size limit counts the bytes the text really takes.
/// </summary>
internal static class EvidenceJson
{
    /// <summary>The largest evidence accepted, in UTF-8 bytes of its JSON object without optional escapes.</summary>
    public const int MaxBytes = 16 * 1024;

    private static readonly EvidenceJsonContext Context = new(ProtocolJson.CreateOptions());

    public static byte[] Serialize(IReadOnlyDictionary<string, string> evidence) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDictionary(evidence), Context.DictionaryStringString);

    public static IReadOnlyDictionary<string, string>? Deserialize(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Context.DictionaryStringString);

    private static Dictionary<string, string> ToDictionary(IReadOnlyDictionary<string, string> evidence) =>
        evidence as Dictionary<string, string> ?? new Dictionary<string, string>(evidence, StringComparer.Ordinal);
}

/// <summary>Source-generated serializer metadata for evidence; used through <see cref="EvidenceJson"/>.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class EvidenceJsonContext : JsonSerializerContext;
