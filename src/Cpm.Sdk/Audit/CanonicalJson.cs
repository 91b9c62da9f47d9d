using System.Globalization;
using System.Text;

namespace Cpm.Sdk.Audit;

/// <summary>
/// JSON in the canonical form of RFC 8785 (JCS) for the values the audit log hashes: objects with members sorted by
/// their UTF-16 code units, no whitespace, strings escaped only where JSON requires it (control characters as
/// <c>\b \t \n \f \r</c> or lowercase <c>\u00xx</c>, quote and backslash), integers in plain decimal, <c>null</c>,
/// <c>true</c>, <c>false</c>. Values may be strings, integers, booleans, null, string maps and member lists.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of an object with these members.</summary>
    public static byte[] Object(IEnumerable<KeyValuePair<string, object?>> members) => Encoding.UTF8.GetBytes(ObjectText(members));

    /// <summary>The canonical text of an object with these members.</summary>
    public static string ObjectText(IEnumerable<KeyValuePair<string, object?>> members)
    {
        var text = new StringBuilder(256);
        WriteObject(text, members);
        return text.ToString();
    }

    /// <summary>The canonical text of a string map (evidence).</summary>
    public static string MapText(IReadOnlyDictionary<string, string> map) =>
        ObjectText(map.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)));

    /// <summary>A string's canonical JSON text without its quotes: <paramref name="value"/> with the escapes JCS requires.</summary>
    public static string EscapedContent(string value)
    {
        var text = new StringBuilder(value.Length + 16);
        WriteString(text, value);
        return text.ToString(1, text.Length - 2);
    }

    private static void WriteObject(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> members)
    {
        text.Append('{');
        bool first = true;
        foreach (KeyValuePair<string, object?> member in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            WriteString(text, member.Key);
            text.Append(':');
            WriteValue(text, member.Value);
        }

        text.Append('}');
    }

    private static void WriteValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                WriteString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long:
                text.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, string> map:
                WriteObject(text, map.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)));
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                WriteObject(text, members);
                break;
            default:
                throw new ArgumentException($"A {value.GetType().Name} has no canonical JSON form here.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case < ' ':
                    text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
