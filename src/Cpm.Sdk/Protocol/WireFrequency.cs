using System.Text.Json.Serialization;

namespace Cpm.Sdk.Protocol;

/// <summary>
/// A grant's frequency cap on the wire (docs/protocol.md §2): <c>{"maxSends":3,"period":"week"}</c>, the
/// <see cref="WireEvent.Frequency"/> of a consent event (<see cref="ConsentCapture.Frequency"/>). Strict: a member it
/// does not name makes the event structurally broken (<see cref="WireEventReader.TryRead"/>), since a cap read without
/// it could allow more sends than the person agreed to.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class WireFrequency
{
    /// <summary>The most sends a period, 1 to <see cref="FrequencyCap.MaxAllowed"/>.</summary>
    public int MaxSends { get; set; }

    /// <summary>The calendar period: <c>day</c>, <c>week</c> or <c>month</c> (<see cref="WireFormat.FormatPeriod"/>).</summary>
    public string? Period { get; set; }

    /// <summary>The cap as the wire spells it.</summary>
    /// <param name="cap">A cap with a defined period.</param>
    /// <returns>A new wire cap.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is not a defined member.</exception>
    public static WireFrequency FromCap(FrequencyCap cap) => new() { MaxSends = cap.MaxSends, Period = WireFormat.FormatPeriod(cap.Period) };
}
