namespace Cpm.Sdk;

/// <summary>
/// A stored event: for a consent choice (<see cref="Kind"/> <see cref="EventKind.Consent"/>), the capture, resolved,
/// plus what the SDK adds. Other kinds use the members that apply to them: a link has <see cref="UserId"/> and
/// <see cref="Alias"/>; an unlink has <see cref="Alias"/> and the user it pointed to when recorded, if known; an
/// erasure, and an access or export request, have the person. Their <see cref="Purpose"/> and <see cref="Channel"/>
/// are empty and their <see cref="PolicyVersion"/> is 0; a link's <see cref="Choice"/> is
/// <see cref="ConsentChoice.Granted"/> and the others' <see cref="ConsentChoice.Withdrawn"/>, which is how rule 4
/// ranks them on a tie.
/// </summary>
public sealed record ConsentRecord
{
    /// <summary>What the event records; <see cref="EventKind.Consent"/> unless set.</summary>
    public EventKind Kind { get; init; }

    /// <summary>On a link or an unlink: the alias, <c>kind:value</c>, normalised.</summary>
    public string? Alias { get; init; }

    /// <summary>The event id, a UUIDv7.</summary>
    public required Guid Id { get; init; }

    /// <summary>The person.</summary>
    public required string UserId { get; init; }

    /// <summary>The purpose id.</summary>
    public required string Purpose { get; init; }

    /// <summary>The channel id, or <c>*</c> for every channel.</summary>
    public required string Channel { get; init; }

    /// <summary>What the person chose.</summary>
    public required ConsentChoice Choice { get; init; }

    /// <summary>The notice revision the person saw.</summary>
    public required int PolicyVersion { get; init; }

    /// <summary>The touchpoint that captured the choice.</summary>
    public required string Source { get; init; }

    /// <summary>When the person chose, in UTC, whole milliseconds.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the consent lapses, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The law the capture was made under.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>Whether the choice was made for this purpose alone (<see cref="ConsentCapture.Separate"/>).</summary>
    public bool Separate { get; init; }

    /// <summary>The frequency the person agreed to with this grant (<see cref="ConsentCapture.Frequency"/>), if any.</summary>
    public FrequencyCap? Frequency { get; init; }

    /// <summary>Proof of the capture.</summary>
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }

    /// <summary>When this instance committed the record to its store, in UTC.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The id of the SDK instance that captured the record.</summary>
    public required string Origin { get; init; }
}
