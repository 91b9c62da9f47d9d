namespace Cpm.Sdk;

/// <summary>The period of a report (<see cref="IConsentEvidence.GetReportAsync"/>): events that occurred in [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="From">The first instant counted.</param>
/// <param name="To">The first instant not counted; not before <paramref name="From"/>.</param>
public sealed record ReportQuery(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// Only this jurisdiction ("the PIPL report"): counts only records captured under it, and the allowed share only
    /// people whose jurisdiction it is (that of their latest record that names one).
    /// </summary>
    public string? Jurisdiction { get; init; }
}
