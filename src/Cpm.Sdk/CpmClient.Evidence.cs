namespace Cpm.Sdk;

/// <summary>The compliance team's evidence: each member hands over to <c>Audit/</c> or <c>Evidence/</c>.</summary>
public sealed partial class CpmClient : IConsentEvidence
{
    /// <inheritdoc/>
    public Task<ExportSummary> ExportAsync(ExportQuery query, Stream destination, ExportFormat format, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _evidence.ExportAsync(query, destination, format, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ConsentReceipt> GetReceiptAsync(Guid recordId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _evidence.GetReceiptAsync(recordId, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ConsentReport> GetReportAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _evidence.GetReportAsync(query, cancellationToken);
    }
}
