using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>Why a posted form was refused: the field and what is wrong with it.</summary>
/// <param name="Field">The form field, as posted.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record FormProblem(string Field, string Message);

/// <summary>
/// The choices form as posted and checked: per shown purpose × channel (index <c>purpose * channels + channel</c>)
/// whether the box is ticked and whether the page showed it ticked; per channel the frequency chosen and the one shown.
/// </summary>
internal sealed class PreferenceForm
{
    public PreferenceForm(PreferenceLayout layout)
    {
        int cells = layout.Purposes.Count * layout.Channels.Count;
        Ticked = new bool[cells];
        Shown = new bool?[cells];
        Frequency = new FrequencyCap?[layout.Channels.Count];
        ShownFrequency = new FrequencyCap?[layout.Channels.Count];
        HasFrequency = new bool[layout.Channels.Count];
        HasShownFrequency = new bool[layout.Channels.Count];
    }

    /// <summary>Field prefixes: <c>on:{purpose}:{channel}</c> is a ticked box, <c>was:</c> what the page showed.</summary>
    public const string TickedPrefix = "on";
    public const string ShownPrefix = "was";
    public const string FrequencyPrefix = "freq";
    public const string ShownFrequencyPrefix = "wasfreq";

    public bool[] Ticked { get; }

    public bool?[] Shown { get; }

    public FrequencyCap?[] Frequency { get; }

    public FrequencyCap?[] ShownFrequency { get; }

    public bool[] HasFrequency { get; }

    public bool[] HasShownFrequency { get; }

    public static string CellField(string prefix, string purpose, string channel) => prefix + ":" + purpose + ":" + channel;

    public static string ChannelField(string prefix, string channel) => prefix + ":" + channel;
}
