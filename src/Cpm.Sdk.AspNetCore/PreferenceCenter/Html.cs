using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// Builds a page. <see cref="Raw"/> takes the page's own constant markup only; every value (names, ids, dates, the
/// user id, URLs) goes through <see cref="Text"/> or <see cref="Attr"/>, which HTML-encode it. CJK stays readable.
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _builder = new(16 * 1024);

    /// <summary>Appends constant markup written in this assembly.</summary>
    public Html Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    /// <summary>Appends text, encoded.</summary>
    public Html Text(string? text)
    {
        _builder.Append(Encoder.Encode(text ?? ""));
        return this;
    }

    /// <summary>Appends <c> name="value"</c>, the value encoded; nothing when <paramref name="value"/> is null.</summary>
    public Html Attr(string name, string? value)
    {
        if (value is not null)
        {
            _builder.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
        }

        return this;
    }

    /// <summary>Appends a boolean attribute (<c> checked</c>) when <paramref name="on"/>.</summary>
    public Html Flag(string name, bool on)
    {
        if (on)
        {
            _builder.Append(' ').Append(name);
        }

        return this;
    }

    /// <summary>Appends a hidden input.</summary>
    public Html Hidden(string name, string value) => Raw("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Raw(">");

    public override string ToString() => _builder.ToString();
}
