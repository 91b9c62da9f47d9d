using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>Everything the main page needs to render, gathered by the endpoint.</summary>
internal sealed record PreferencePageModel(
    PreferenceCenterContext Context,
    PageText Text,
    string UserId,
    string BasePath,
    string AntiforgeryField,
    string AntiforgeryToken,
    PreferenceSnapshot Snapshot,
    string? Status);

/// <summary>The main page: the person's choices form, then withdraw everything, download and erasure.</summary>
internal static class PreferencePage
{
    public static string Render(PreferencePageModel model)
    {
        PageText text = model.Text;
        var html = new Html();
        PageLayout.Open(html, text, PageRequest.PageOf(model.BasePath), text.Title);
        html.Raw("<p class=\"who\">").Text(text.Format(text.SignedInAs, model.UserId)).Raw("</p>");
        if (model.Status is { } status)
        {
            html.Raw("<p class=\"status\" role=\"status\">").Text(status).Raw("</p>");
        }

        html.Raw("<p>").Text(text.Intro).Raw("</p><p class=\"notice\">").Text(text.Format(text.NoticeVersion, model.Context.Options.NoticeVersion));
        if (model.Context.Options.NoticeUrl is { } notice)
        {
            html.Raw(" · <a").Attr("href", notice).Raw(">").Text(text.ReadNotice).Raw("</a>");
        }

        html.Raw("</p>");
        ChoicesForm.Write(html, model);
        RightsSections.Write(html, model);
        PageLayout.Close(html);
        return html.ToString();
    }
}
