using System.Collections.Frozen;
using System.Text.Json;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// Reads one element of an <c>events</c> array on its own, so a structurally broken event (docs/protocol.md §3) is
/// named alone instead of failing the whole body: an element that is not a JSON object, a field named twice, or a
/// field of the wrong JSON type (<c>"choice":0</c>, <c>"policyVersion":"3"</c>, <c>"evidence":[]</c>), or a frequency
/// with a member it does not name or of the wrong type (<c>"frequency":{"maxSends":"3","period":"week"}</c>). Reasons name
/// the field, never a value, and never repeat serializer messages.
/// </summary>
/// <example>
/// A server reads a push body as a <see cref="JsonDocument"/>, then each element:
/// <code>
/// string? problem = WireEventReader.TryRead(element, out WireEvent? wire, out string? id)
///     ?? WireRules.TryParse(wire, receivedAt, out ConsentRecord? record);
/// </code>
/// </example>
public static class WireEventReader
{
    private const string IdField = "id";

    // The event's fields as the serializer names them, with the JSON type each must have.
    private static readonly FrozenDictionary<string, Type> Fields = ProtocolJson.WireEvent.Properties
        .ToFrozenDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);

    /// <summary>Reads <paramref name="element"/> as an event; returns why it is structurally broken, or <see langword="null"/>.</summary>
    /// <param name="element">One element of the array.</param>
    /// <param name="wire">The event when the structure is sound; its values are still to be checked with <see cref="WireRules"/>.</param>
    /// <param name="id">
    /// The element's <c>id</c> when that is a JSON string, whatever else is wrong (a push result echoes it); else
    /// <see langword="null"/>, also when its escapes do not spell Unicode text.
    /// </param>
    /// <returns>The structural problem, or <see langword="null"/> with <paramref name="wire"/> set.</returns>
    public static string? TryRead(JsonElement element, out WireEvent? wire, out string? id)
    {
        wire = null;
        id = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return "event is not a JSON object";
        }

        if (element.TryGetProperty(IdField, out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String)
        {
            id = TryGetString(idElement);
        }

        if (FirstDuplicate(element) is { } duplicate)
        {
            return Fields.ContainsKey(duplicate) ? $"field '{duplicate}' appears more than once" : "a field appears more than once";
        }

        if (element.TryGetProperty("evidence", out JsonElement evidence) && evidence.ValueKind == JsonValueKind.Object
            && FirstDuplicate(evidence) is not null)
        {
            return "evidence holds a key more than once";
        }

        try
        {
            wire = element.Deserialize(ProtocolJson.WireEvent);
            return wire is null ? "event is not a JSON object" : null;
        }
        catch (JsonException ex)
        {
            if (FieldOf(ex.Path) is not { } field || !Fields.TryGetValue(field, out Type? type))
            {
                return "event is not a valid event object";
            }

            // Text of the right JSON kind that still fails holds an escaped lone surrogate.
            return element.TryGetProperty(field, out JsonElement value) && IsText(value, type)
                ? $"field '{field}' is not well-formed Unicode text"
                : $"field '{field}' must be {Describe(type)}";
        }
    }

    private static bool IsText(JsonElement value, Type type) =>
        type == typeof(string) ? value.ValueKind == JsonValueKind.String
        : type == typeof(Dictionary<string, string>) && value.ValueKind == JsonValueKind.Object
            && value.EnumerateObject().All(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null);

    /// <summary>The string, or <see langword="null"/> when its escapes spell ill-formed UTF-16 (a lone surrogate).</summary>
    private static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FirstDuplicate(JsonElement element)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                return property.Name;
            }
        }

        return null;
    }

    /// <summary>The top-level field in a serializer path such as <c>$.evidence.ip</c> or <c>$['policyVersion']</c>.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }

        ReadOnlySpan<char> rest = path.AsSpan(1);
        if (rest.StartsWith("['", StringComparison.Ordinal))
        {
            int end = rest.IndexOf("']", StringComparison.Ordinal);
            return end < 0 ? null : rest[2..end].ToString();
        }

        if (rest.StartsWith('.'))
        {
            rest = rest[1..];
            int end = rest.IndexOfAny('.', '[');
            return (end < 0 ? rest : rest[..end]).ToString();
        }

        return null;
    }

    private static string Describe(Type type) =>
        type == typeof(int) ? "an integer"
        : type == typeof(string) ? "a string"
        : type == typeof(Dictionary<string, string>) ? "an object of string values"
        : type == typeof(WireFrequency) ? "an object of maxSends (an integer) and period (a string) and nothing else"
        : "of another JSON type";
}
