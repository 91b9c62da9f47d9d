using Cpm.Sdk.Evidence.Export;
using Cpm.Sdk.Evidence.Receipts;
using Cpm.Sdk.Evidence.Reports;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence;

/// <summary>
/// Exports, receipts and reports: what <see cref="CpmClient"/> hands its <see cref="IConsentEvidence"/> members to.
/// Arguments are checked on the caller's thread; the SQLite work (synchronous in Microsoft.Data.Sqlite) runs on the
/// thread pool, on read connections of its own beside the writer, and never changes the store.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="gate">The gate, for the catalog and the allowed shares.</param>
/// <param name="controller">The data controller receipts name, if set.</param>
/// <param name="timeZone">The zone whose calendar days reports use.</param>
/// <param name="clock">The clock.</param>
/// <param name="serverInclusion">
/// Finds a synced event's proof in the server's log, given its id and leaf hash; <see langword="null"/> (or a <see langword="null"/> answer) when
/// the instance does not sync, the event is not synced yet, or the server cannot be asked.
/// </param>
internal sealed class EvidenceService(
    IEvidenceStore store,
    ConsentGate gate,
    DataController? controller,
    TimeZoneInfo timeZone,
    TimeProvider clock,
    Func<Guid, byte[], CancellationToken, Task<ServerInclusion?>>? serverInclusion = null)
{
    public Task<ExportSummary> ExportAsync(ExportQuery query, Stream destination, ExportFormat format, CancellationToken cancellationToken)
    {
        EvidenceArguments.CheckExport(query, destination, format);
        return Task.Run(() => Exporter.RunAsync(store, query, destination, format, cancellationToken), cancellationToken);
    }

    public Task<ConsentReceipt> GetReceiptAsync(Guid recordId, CancellationToken cancellationToken)
    {
        EvidenceArguments.CheckRecordId(recordId);
        return ReceiptAsync(recordId, cancellationToken);
    }

    public Task<ConsentReport> GetReportAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        EvidenceArguments.CheckReport(query);
        return Task.Run(() => Report(query, cancellationToken), cancellationToken);
    }

    private async Task<ConsentReceipt> ReceiptAsync(Guid recordId, CancellationToken cancellationToken)
    {
        ReceiptSource source = await Task.Run(() => ReceiptSource.Read(store, recordId), cancellationToken).ConfigureAwait(false);
        ServerInclusion? server = serverInclusion is null || source.Inclusion is null
            ? null
            : await serverInclusion(recordId, source.Inclusion.LeafHash, cancellationToken).ConfigureAwait(false);
        return ReceiptBuilder.Build(source, gate.Catalog, controller, clock.GetUtcNow(), server);
    }

    private ConsentReport Report(ReportQuery query, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = store.OpenReader();
        Sql.Execute(connection, "BEGIN");
        try
        {
            (IReadOnlyList<ReportRow> rows, IReadOnlyList<RightsRequestRow> rights) = ReportCounts.Count(connection, query, timeZone, cancellationToken);
            DateTimeOffset now = clock.GetUtcNow();
            IReadOnlyList<AllowedShare> allowed = AllowedShares.Compute(connection, gate, query.Jurisdiction, cancellationToken);
            return new ConsentReport
            {
                From = query.From,
                To = query.To,
                TimeZoneId = timeZone.Id,
                Jurisdiction = query.Jurisdiction,
                GeneratedAt = now,
                Rows = rows,
                RightsRequests = rights,
                Allowed = allowed,
            };
        }
        finally
        {
            Sql.Execute(connection, "COMMIT");
        }
    }
}
