using Cpm.Sdk.Evidence.Reports;

namespace Cpm.Sdk;

/// <summary>
/// A compliance report (<see cref="IConsentEvidence.GetReportAsync"/>): the choices counted per local day × purpose ×
/// channel × source × jurisdiction, the rights requests served per local day, and the share of people the gate allows
/// now per purpose × channel.
/// </summary>
public sealed record ConsentReport
{
    /// <summary>The first instant counted.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The first instant not counted.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>The id of the time zone whose calendar days the rows use (<see cref="CpmOptions.TimeZone"/>).</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>The jurisdiction the report is limited to, or <see langword="null"/> for all.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>When the allowed shares were taken.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>
    /// The consent choices counted, ordered by day, purpose, channel, source and jurisdiction; only combinations with a
    /// choice appear. Links, unlinks, erasures and requests are not choices: they are in <see cref="RightsRequests"/>.
    /// </summary>
    public required IReadOnlyList<ReportRow> Rows { get; init; }

    /// <summary>
    /// The rights requests served and identity changes recorded, per local day in the period, ordered by day; only days
    /// with one appear. They are counted over the whole store, whatever <see cref="Jurisdiction"/>: an erasure keeps
    /// nothing of its person, their jurisdiction included.
    /// </summary>
    public IReadOnlyList<RightsRequestRow> RightsRequests { get; init; } = [];

    /// <summary>
    /// The allowed share per catalog purpose × channel, and per undeclared topic people chose on (decided as the gate
    /// decides it, under its nearest declared ancestor), ordered by purpose and channel.
    /// </summary>
    public required IReadOnlyList<AllowedShare> Allowed { get; init; }

    /// <summary>
    /// Writes <see cref="Rows"/> as CSV (RFC 4180, UTF-8 with a byte order mark, formula injection neutralised):
    /// <c>day,purpose,channel,source,jurisdiction,grants,denials,withdrawals</c>, days as <c>yyyy-MM-dd</c>.
    /// </summary>
    /// <param name="destination">A writable stream; it is flushed, not closed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the CSV is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is null or cannot be written.</exception>
    public Task WriteCsvAsync(Stream destination, CancellationToken cancellationToken = default) =>
        ReportCsv.WriteRowsAsync(this, destination, cancellationToken);

    /// <summary>
    /// Writes <see cref="Allowed"/> as CSV like <see cref="WriteCsvAsync"/>: <c>purpose,channel,people,allowed,share</c>,
    /// the share with four decimals and a dot.
    /// </summary>
    /// <param name="destination">A writable stream; it is flushed, not closed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the CSV is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is null or cannot be written.</exception>
    public Task WriteAllowedCsvAsync(Stream destination, CancellationToken cancellationToken = default) =>
        ReportCsv.WriteAllowedAsync(this, destination, cancellationToken);

    /// <summary>
    /// Writes <see cref="RightsRequests"/> as CSV like <see cref="WriteCsvAsync"/>:
    /// <c>day,accesses,exports,erasures,links,unlinks</c>, days as <c>yyyy-MM-dd</c>.
    /// </summary>
    /// <param name="destination">A writable stream; it is flushed, not closed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the CSV is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is null or cannot be written.</exception>
    public Task WriteRightsCsvAsync(Stream destination, CancellationToken cancellationToken = default) =>
        ReportCsv.WriteRightsAsync(this, destination, cancellationToken);
}
