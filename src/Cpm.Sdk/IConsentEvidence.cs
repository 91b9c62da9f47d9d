namespace Cpm.Sdk;

/// <summary>
/// The compliance team's evidence: the audit log's checkpoint and its verification, exports of the records, receipts
/// for one record and reports over a period. Every member reads the store on a read connection of its own, beside the
/// writer, and never changes it.
/// </summary>
public interface IConsentEvidence
{
    /// <summary>Recomputes the audit log from the stored rows and compares it with the store's checkpoint.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Whether the log is intact and, when it is not, the index of the first bad row.</returns>
    Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest checkpoint of the store's audit log: its origin (this instance), size and root hash.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint; size 0 while the store holds no event.</returns>
    Task<AuditCheckpoint> GetCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the records that match <paramref name="query"/> to <paramref name="destination"/>, oldest first in the
    /// store's append order, with their evidence. Memory stays flat however many records match: rows are read one by
    /// one and written through a small buffer. JSON Lines end with a trailer line holding the count and the checkpoint
    /// the export was read against; CSV is RFC 4180, UTF-8 with a byte order mark, with formula injection neutralised.
    /// </summary>
    /// <param name="query">Which records; every filter left <see langword="null"/> matches everything.</param>
    /// <param name="destination">A writable stream; it is flushed, not closed.</param>
    /// <param name="format">JSON Lines or CSV.</param>
    /// <param name="cancellationToken">Cancels the export; what was written so far stays written.</param>
    /// <returns>How many records were written and the checkpoint they were read against.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it (<c>query.From</c>, <c>destination</c>, ...).</exception>
    Task<ExportSummary> ExportAsync(ExportQuery query, Stream destination, ExportFormat format, CancellationToken cancellationToken = default);

    /// <summary>
    /// A receipt for one record, aligned with ISO/IEC TS 27560, with the record's audit-log leaf and its inclusion
    /// proofs: against the store's checkpoint and, once the record is synced, against the server's signed checkpoint.
    /// </summary>
    /// <param name="recordId">The record's id (<see cref="ConsentRecord.Id"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The receipt; <see cref="ConsentReceipt.ToJson"/> gives its JSON form.</returns>
    /// <exception cref="ArgumentException"><paramref name="recordId"/> is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="KeyNotFoundException">This store holds no record with that id.</exception>
    Task<ConsentReceipt> GetReceiptAsync(Guid recordId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts grants, denials and withdrawals per local day (in <see cref="CpmOptions.TimeZone"/>) × purpose × channel ×
    /// source × jurisdiction over [<see cref="ReportQuery.From"/>, <see cref="ReportQuery.To"/>), and the share of known
    /// people the gate allows now per purpose × channel. It covers every event this store holds, pulled ones included.
    /// </summary>
    /// <param name="query">The period, and optionally one jurisdiction.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>The report; <see cref="ConsentReport.WriteCsvAsync"/> exports it.</returns>
    /// <exception cref="ArgumentException">The query is invalid; the exception names the field.</exception>
    Task<ConsentReport> GetReportAsync(ReportQuery query, CancellationToken cancellationToken = default);
}
