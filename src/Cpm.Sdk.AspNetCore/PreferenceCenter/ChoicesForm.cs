using System.Globalization;
using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// The choices form: a fieldset per purpose (its topics nested inside), a labelled checkbox per channel with its state
/// line, then a labelled frequency select per channel. Hidden fields say what the page showed, so a save records
/// only what the person changed.
/// </summary>
internal static class ChoicesForm
{
    public static void Write(Html html, PreferencePageModel model)
    {
        PreferenceLayout layout = model.Context.Layout;
        PageText text = model.Text;
        html.Raw("<form method=\"post\" id=\"choices\"").Attr("action", PageRequest.PageOf(model.BasePath)).Raw(">")
            .Hidden(model.AntiforgeryField, model.AntiforgeryToken)
            .Raw("<h2>").Text(text.ChoicesHeading).Raw("</h2>");
        for (int p = 0; p < layout.Purposes.Count; p++)
        {
            if (layout.Purposes[p].Parent < 0)
            {
                Purpose(html, model, p);
            }
        }

        Frequencies(html, model);
        html.Raw("<p><button type=\"submit\" id=\"save\">").Text(text.Save).Raw("</button></p></form>");
    }

    private static void Purpose(Html html, PreferencePageModel model, int p)
    {
        PreferenceLayout layout = model.Context.Layout;
        ShownPurpose purpose = layout.Purposes[p];
        string language = model.Text.Language;
        string name = model.Context.Names.Purpose(purpose.Id, language);
        html.Raw("<fieldset class=\"purpose\"").Attr("data-purpose", purpose.Id).Raw("><legend>").Text(name).Raw("</legend>");
        if (model.Context.Names.PurposeDescription(purpose.Id, language) is { } description)
        {
            html.Raw("<p class=\"hint\">").Text(description).Raw("</p>");
        }

        if (Enumerable.Range(p + 1, layout.Purposes.Count - p - 1).Any(topic => layout.Purposes[topic].Parent == p))
        {
            html.Raw("<p class=\"hint\">").Text(model.Text.TopicsFollow).Raw("</p>");
        }

        html.Raw("<div class=\"cells\">");
        for (int c = 0; c < layout.Channels.Count; c++)
        {
            Cell(html, model, p, c, name);
        }

        html.Raw("</div>");
        for (int topic = p + 1; topic < layout.Purposes.Count; topic++)
        {
            if (layout.Purposes[topic].Parent == p)
            {
                Purpose(html, model, topic);
            }
        }

        html.Raw("</fieldset>");
    }

    private static void Cell(Html html, PreferencePageModel model, int p, int c, string purposeName)
    {
        PreferenceLayout layout = model.Context.Layout;
        string purpose = layout.Purposes[p].Id, channel = layout.Channels[c];
        PreferenceCell cell = model.Snapshot[p, c];
        string id = Invariant($"c-{p}-{c}"), stateId = Invariant($"s-{p}-{c}");
        html.Raw("<div class=\"cell\"><input type=\"checkbox\" value=\"1\"")
            .Attr("id", id).Attr("name", PreferenceForm.CellField(PreferenceForm.TickedPrefix, purpose, channel))
            .Attr("data-purpose", purpose).Attr("data-channel", channel).Attr("aria-describedby", stateId)
            .Flag("checked", cell.Decision.IsAllowed).Raw("><label").Attr("for", id).Raw(">")
            .Text(model.Context.Names.Channel(channel, model.Text.Language))
            .Raw("<span class=\"vh\"> · ").Text(purposeName).Raw("</span></label>")
            .Hidden(PreferenceForm.CellField(PreferenceForm.ShownPrefix, purpose, channel), cell.Decision.IsAllowed ? "1" : "0")
            .Raw("<span class=\"state\"").Attr("id", stateId).Raw(">")
            .Text(CellState.Describe(cell, layout.Purposes[p], model.Text, model.Context, model.Text.Language))
            .Raw("</span></div>");
    }

    private static void Frequencies(Html html, PreferencePageModel model)
    {
        PreferenceLayout layout = model.Context.Layout;
        PageText text = model.Text;
        html.Raw("<fieldset class=\"frequency\"><legend>").Text(text.FrequencyHeading).Raw("</legend><p class=\"hint\">")
            .Text(text.FrequencyHint).Raw("</p><div class=\"freq\">");
        for (int c = 0; c < layout.Channels.Count; c++)
        {
            string channel = layout.Channels[c], id = Invariant($"f-{c}");
            FrequencyCap? current = model.Snapshot.Frequencies[c];
            html.Raw("<div><label").Attr("for", id).Raw(">").Text(text.Format(text.FrequencyLabel, model.Context.Names.Channel(channel, text.Language)))
                .Raw("</label><select").Attr("id", id).Attr("name", PreferenceForm.ChannelField(PreferenceForm.FrequencyPrefix, channel))
                .Attr("data-channel", channel).Raw(">");
            Option(html, text, null, current);
            foreach (FrequencyCap choice in layout.FrequencyChoices)
            {
                Option(html, text, choice, current);
            }

            if (current is { } other && !layout.FrequencyChoices.Contains(other))
            {
                Option(html, text, other, current);   // set elsewhere: shown, so saving the page keeps it
            }

            html.Raw("</select>").Hidden(PreferenceForm.ChannelField(PreferenceForm.ShownFrequencyPrefix, channel), FrequencyValue.Format(current))
                .Raw("</div>");
        }

        html.Raw("</div></fieldset>");
    }

    private static void Option(Html html, PageText text, FrequencyCap? value, FrequencyCap? current) =>
        html.Raw("<option").Attr("value", FrequencyValue.Format(value)).Flag("selected", value == current).Raw(">")
            .Text(text.Frequency(value)).Raw("</option>");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
