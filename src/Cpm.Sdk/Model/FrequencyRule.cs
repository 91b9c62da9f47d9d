namespace Cpm.Sdk;

/// <summary>
/// A business cap on sends, whatever people chose: "SMS: 4 per month". <see cref="ISendGuard.ReserveAsync"/> applies every
/// rule that matches the send's channel (or names <c>*</c>) and its purpose (or an ancestor of it, or names none).
/// </summary>
/// <param name="Channel">A channel of the catalog, or <c>*</c> for every channel.</param>
/// <param name="MaxSends">1 to <see cref="FrequencyCap.MaxAllowed"/>.</param>
/// <param name="Period">The calendar period counted in <see cref="CpmOptions.TimeZone"/>.</param>
public sealed record FrequencyRule(string Channel, int MaxSends, FrequencyPeriod Period)
{
    /// <summary>The purpose (with its topics) the rule caps; <see langword="null"/> (the default): every purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>The cap the rule sets.</summary>
    public FrequencyCap Cap => new(MaxSends, Period);
}
