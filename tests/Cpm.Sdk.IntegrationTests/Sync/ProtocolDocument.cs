using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cpm.Sdk.IntegrationTests.Sync;

/// <summary>The examples of docs/protocol.md, read from the repository: blocks fenced as <c>```json example:name</c> (or <c>```pem</c>).</summary>
internal static partial class ProtocolDocument
{
    private static readonly Lazy<Dictionary<string, string>> Blocks = new(Load);

    public static string Text(string name) => Blocks.Value.TryGetValue(name, out string? json)
        ? json
        : throw new KeyNotFoundException($"docs/protocol.md has no example '{name}'");

    public static JsonNode Json(string name) => JsonNode.Parse(Text(name))!;

    public static IReadOnlyCollection<string> Names => Blocks.Value.Keys;

    private static Dictionary<string, string> Load()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "Cpm.Sdk.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        string path = Path.Combine(directory ?? throw new DirectoryNotFoundException("repository root not found"), "docs", "protocol.md");
        return Example().Matches(File.ReadAllText(path)).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["json"].Value);
    }

    [GeneratedRegex(@"```(?:json|pem) example:(?<name>[a-z-]+)\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
