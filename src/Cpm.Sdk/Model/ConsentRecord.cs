namespace Cpm.Sdk;

/// <summary>A stored consent event: the capture, resolved, plus what the SDK adds.</summary>
public sealed record ConsentRecord
{
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

    /// <summary>Proof of the capture.</summary>
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }

    /// <summary>When this instance committed the record to its store, in UTC.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The id of the SDK instance that captured the record.</summary>
    public required string Origin { get; init; }
}
