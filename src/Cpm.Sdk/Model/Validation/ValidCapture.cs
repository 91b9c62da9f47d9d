namespace Cpm.Sdk.Model.Validation;

/// <summary>A capture that passed validation, with timestamps truncated to milliseconds and evidence serialized.</summary>
internal sealed record ValidCapture(
    string UserId,
    string Purpose,
    string Channel,
    ConsentChoice Choice,
    int PolicyVersion,
    string Source,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ExpiresAt,
    string? Jurisdiction,
    IReadOnlyDictionary<string, string>? Evidence,
    string? EvidenceJson)
{
    /// <summary>Whether the choice was made for the purpose alone.</summary>
    public bool Separate { get; init; }

    /// <summary>The frequency agreed with a grant.</summary>
    public FrequencyCap? Frequency { get; init; }

    /// <summary>Turns the capture into the record to store.</summary>
    public ConsentRecord ToRecord(Guid id, string origin, DateTimeOffset recordedAt) => new()
    {
        Id = id,
        UserId = UserId,
        Purpose = Purpose,
        Channel = Channel,
        Choice = Choice,
        PolicyVersion = PolicyVersion,
        Source = Source,
        OccurredAt = OccurredAt,
        ExpiresAt = ExpiresAt,
        Jurisdiction = Jurisdiction,
        Separate = Separate,
        Frequency = Frequency,
        Evidence = Evidence,
        RecordedAt = recordedAt,
        Origin = origin,
    };
}
