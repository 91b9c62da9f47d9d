namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The main page's lower sections: withdraw everything, download my data, request erasure.</summary>
internal static class RightsSections
{
    public const string WithdrawPath = "/withdraw";
    public const string ExportPath = "/export";
    public const string ErasePath = "/erase";

    public static void Write(Html html, PreferencePageModel model)
    {
        PageText text = model.Text;
        html.Raw("<section aria-labelledby=\"h-withdraw\"><h2 id=\"h-withdraw\">").Text(text.WithdrawHeading).Raw("</h2><p>")
            .Text(text.WithdrawText).Raw("</p><form method=\"post\" id=\"withdraw\"").Attr("action", model.BasePath + WithdrawPath).Raw(">")
            .Hidden(model.AntiforgeryField, model.AntiforgeryToken)
            .Raw("<button type=\"submit\" class=\"secondary\">").Text(text.WithdrawButton).Raw("</button></form></section>");

        html.Raw("<section aria-labelledby=\"h-data\"><h2 id=\"h-data\">").Text(text.DataHeading).Raw("</h2><p>")
            .Text(text.DownloadText).Raw("</p><form method=\"post\" id=\"export\"").Attr("action", model.BasePath + ExportPath).Raw(">")
            .Hidden(model.AntiforgeryField, model.AntiforgeryToken)
            .Raw("<button type=\"submit\" class=\"secondary\">").Text(text.DownloadButton).Raw("</button></form><p>")
            .Text(text.EraseText).Raw(" <a id=\"erase\"").Attr("href", model.BasePath + ErasePath).Raw(">").Text(text.EraseLink)
            .Raw("</a></p></section>");
    }
}
