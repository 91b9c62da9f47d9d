namespace Cpm.Sdk;

/// <summary>Everything a store holds about one person (<see cref="IDataSubjectRights.AccessAsync"/>).</summary>
public sealed record SubjectData
{
    /// <summary>The person.</summary>
    public required string UserId { get; init; }

    /// <summary>When the request was served, in UTC.</summary>
    public required DateTimeOffset ServedAt { get; init; }

    /// <summary>The person's jurisdiction (<see cref="CpmOptions.DefaultJurisdiction"/> when no record carries one), or <see langword="null"/>.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>When the person was last erased, or <see langword="null"/>; the records listed are those since.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Every event held for the person, in the order they occurred, with evidence: choices, links, unlinks, requests.</summary>
    public required IReadOnlyList<ConsentRecord> Records { get; init; }

    /// <summary>The aliases that point to the person now, normalised and sorted.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>The gate's decision now for every purpose of the catalog on every channel, and on <c>*</c>.</summary>
    public required IReadOnlyList<SubjectDecision> Decisions { get; init; }
}

/// <summary>The gate's decision for one purpose on one channel, as listed in <see cref="SubjectData.Decisions"/>.</summary>
/// <param name="Purpose">The purpose id.</param>
/// <param name="Channel">The channel id.</param>
/// <param name="Decision">What <see cref="IConsentGate.Evaluate"/> answers.</param>
public sealed record SubjectDecision(string Purpose, string Channel, ConsentDecision Decision);
