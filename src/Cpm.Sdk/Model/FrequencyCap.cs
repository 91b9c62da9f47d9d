namespace Cpm.Sdk;

/// <summary>
/// At most <paramref name="MaxSends"/> sends per calendar <paramref name="Period"/>: "SMS at most once a week". Part of a
/// grant (<see cref="ConsentCapture.Frequency"/>), or of a business rule (<see cref="FrequencyRule"/>), and enforced by
/// <see cref="ISendGuard.ReserveAsync"/>.
/// </summary>
/// <param name="MaxSends">1 to <see cref="MaxAllowed"/>.</param>
/// <param name="Period">The calendar period counted in <see cref="CpmOptions.TimeZone"/>.</param>
public readonly record struct FrequencyCap(int MaxSends, FrequencyPeriod Period)
{
    /// <summary>The largest cap: more sends a period than this is no cap a person or a business sets.</summary>
    public const int MaxAllowed = 10_000;

    /// <summary>Why this cap is not valid, or <see langword="null"/> when it is.</summary>
    internal string? Problem() =>
        MaxSends is < 1 or > MaxAllowed ? $"MaxSends must be 1 to {MaxAllowed}; it is {MaxSends}."
        : !Enum.IsDefined(Period) ? $"Period {(int)Period} is not a defined FrequencyPeriod."
        : null;

    /// <summary>The cap as the index and the store keep it (see <see cref="Unpack"/>); 0 is no cap.</summary>
    internal ushort Pack() => (ushort)((((int)Period + 1) << 14) | MaxSends);

    /// <summary>The cap packed by <see cref="Pack"/>, or <see langword="null"/> for 0.</summary>
    internal static FrequencyCap? Unpack(int packed) =>
        packed <= 0 ? null : new FrequencyCap(packed & 0x3FFF, (FrequencyPeriod)((packed >> 14) - 1));

    /// <summary>"3 per week".</summary>
    public override string ToString() => $"{MaxSends} per {Period.ToString().ToLowerInvariant()}";
}
