using Cpm.Sdk;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// Reads the choices form strictly: every field must be one the page writes, name a shown purpose and channel, carry a
/// value the page offers, and appear once; every shown box and channel must say what the page showed. The first
/// problem found is returned and nothing is recorded.
/// </summary>
internal static class PreferenceFormReader
{
    public static FormProblem? TryRead(IFormCollection fields, PreferenceLayout layout, string antiforgeryField, out PreferenceForm form)
    {
        form = new PreferenceForm(layout);
        foreach ((string key, StringValues values) in fields)
        {
            if (key == antiforgeryField)
            {
                continue;
            }

            if (values.Count != 1)
            {
                return new FormProblem(key, "The field is given more than once.");
            }

            if (ReadField(key, values[0], layout, form) is { } problem)
            {
                return problem;
            }
        }

        return Completeness(layout, form);
    }

    private static FormProblem? ReadField(string key, string? value, PreferenceLayout layout, PreferenceForm form)
    {
        string[] parts = key.Split(':');
        switch (parts)
        {
            case [PreferenceForm.TickedPrefix or PreferenceForm.ShownPrefix, string purpose, string channel]:
                if (Cell(key, purpose, channel, layout, out int cell) is { } cellProblem)
                {
                    return cellProblem;
                }

                if (parts[0] == PreferenceForm.TickedPrefix)
                {
                    form.Ticked[cell] = value == "1";
                    return value == "1" ? null : new FormProblem(key, "A ticked box posts the value 1.");
                }

                form.Shown[cell] = value switch { "1" => true, "0" => false, _ => null };
                return form.Shown[cell] is null ? new FormProblem(key, "The shown state is 0 or 1.") : null;

            case [PreferenceForm.FrequencyPrefix or PreferenceForm.ShownFrequencyPrefix, string channel]:
                int index = layout.ChannelIndex(channel);
                if (index < 0)
                {
                    return new FormProblem(key, $"'{channel}' is not a channel on this page.");
                }

                if (!FrequencyValue.TryParse(value, out FrequencyCap? cap))
                {
                    return new FormProblem(key, $"'{value}' is not a frequency (none, or sends-day|week|month).");
                }

                if (parts[0] == PreferenceForm.FrequencyPrefix)
                {
                    (form.Frequency[index], form.HasFrequency[index]) = (cap, true);
                }
                else
                {
                    (form.ShownFrequency[index], form.HasShownFrequency[index]) = (cap, true);
                }

                return null;

            default:
                return new FormProblem(key, "The page has no such field.");
        }
    }

    private static FormProblem? Cell(string key, string purpose, string channel, PreferenceLayout layout, out int cell)
    {
        // Stryker disable once Unary : equivalent. The cell is only read when no problem is returned, and then it is set below.
        cell = -1;
        int p = layout.PurposeIndex(purpose);
        if (p < 0)
        {
            return new FormProblem(key, $"'{purpose}' is not a purpose on this page.");
        }

        int c = layout.ChannelIndex(channel);
        if (c < 0)
        {
            return new FormProblem(key, $"'{channel}' is not a channel on this page.");
        }

        cell = layout.Cell(p, c);
        return null;
    }

    private static FormProblem? Completeness(PreferenceLayout layout, PreferenceForm form)
    {
        int channels = layout.Channels.Count;
        for (int p = 0; p < layout.Purposes.Count; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                if (form.Shown[layout.Cell(p, c)] is null)
                {
                    return new FormProblem(PreferenceForm.CellField(PreferenceForm.ShownPrefix, layout.Purposes[p].Id, layout.Channels[c]), "The field is missing.");
                }
            }
        }

        for (int c = 0; c < channels; c++)
        {
            string channel = layout.Channels[c];
            if (!form.HasFrequency[c] || !form.HasShownFrequency[c])
            {
                string prefix = form.HasFrequency[c] ? PreferenceForm.ShownFrequencyPrefix : PreferenceForm.FrequencyPrefix;
                return new FormProblem(PreferenceForm.ChannelField(prefix, channel), "The field is missing.");
            }

            FrequencyCap? chosen = form.Frequency[c];
            if (chosen != form.ShownFrequency[c] && chosen is { } cap && !layout.FrequencyChoices.Contains(cap))
            {
                return new FormProblem(PreferenceForm.ChannelField(PreferenceForm.FrequencyPrefix, channel), $"'{FrequencyValue.Format(cap)}' is not a frequency this page offers.");
            }
        }

        return null;
    }
}
