namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The erasure confirmation step: what erasure does, a required "I understand" box, erase or cancel.</summary>
internal static class ErasePage
{
    public const string ConfirmField = "confirm";

    public static string Render(PageText text, string basePath, string antiforgeryField, string antiforgeryToken)
    {
        var html = new Html();
        PageLayout.Open(html, text, basePath + RightsSections.ErasePath, text.ConfirmTitle);
        html.Raw("<p>").Text(text.ConfirmWhat).Raw("</p><p><strong>").Text(text.ConfirmFinal).Raw("</strong></p>")
            .Raw("<form method=\"post\" id=\"erase-confirm\"").Attr("action", basePath + RightsSections.ErasePath).Raw(">")
            .Hidden(antiforgeryField, antiforgeryToken)
            .Raw("<p><input type=\"checkbox\" id=\"confirm\" value=\"1\" required").Attr("name", ConfirmField).Raw("><label for=\"confirm\">")
            .Text(text.ConfirmCheck).Raw("</label></p><p><button type=\"submit\" class=\"danger\">").Text(text.ConfirmButton)
            .Raw("</button> <a").Attr("href", PageRequest.PageOf(basePath)).Raw(">").Text(text.Cancel).Raw("</a></p></form>");
        PageLayout.Close(html);
        return html.ToString();
    }
}
