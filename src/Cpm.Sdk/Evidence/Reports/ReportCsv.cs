using System.Globalization;
using Cpm.Sdk.Evidence.Export;

namespace Cpm.Sdk.Evidence.Reports;

/// <summary>A report's tables as CSV, written like exports (<see cref="CsvText"/>): RFC 4180, UTF-8 with a byte order mark.</summary>
internal static class ReportCsv
{
    private static readonly string[] RowHeader = ["day", "purpose", "channel", "source", "jurisdiction", "grants", "denials", "withdrawals"];
    private static readonly string[] AllowedHeader = ["purpose", "channel", "people", "allowed", "share"];
    private static readonly string[] RightsHeader = ["day", "accesses", "exports", "erasures", "links", "unlinks"];

    public static Task WriteRowsAsync(ConsentReport report, Stream destination, CancellationToken cancellationToken)
    {
        EvidenceArguments.CheckDestination(destination);
        return WriteAsync(RowHeader, report.Rows, WriteRow, destination, cancellationToken);
    }

    public static Task WriteAllowedAsync(ConsentReport report, Stream destination, CancellationToken cancellationToken)
    {
        EvidenceArguments.CheckDestination(destination);
        return WriteAsync(AllowedHeader, report.Allowed, WriteAllowed, destination, cancellationToken);
    }

    public static Task WriteRightsAsync(ConsentReport report, Stream destination, CancellationToken cancellationToken)
    {
        EvidenceArguments.CheckDestination(destination);
        return WriteAsync(RightsHeader, report.RightsRequests, WriteRights, destination, cancellationToken);
    }

    private static async Task WriteAsync<T>(
        string[] header, IReadOnlyList<T> items, Action<Utf8Buffer, T> write, Stream destination, CancellationToken cancellationToken)
    {
        var output = new Utf8Buffer();
        output.Write(CsvText.ByteOrderMark);
        CsvText.Header(output, header);
        foreach (T item in items)
        {
            write(output, item);
            if (output.IsFull)
            {
                await output.FlushToAsync(destination, cancellationToken).ConfigureAwait(false);
            }
        }

        await output.FlushToAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteRow(Utf8Buffer output, ReportRow row)
    {
        CsvText.Cell(output, row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first: true);
        CsvText.Cell(output, row.Purpose);
        CsvText.Cell(output, row.Channel);
        CsvText.Cell(output, row.Source);
        CsvText.Cell(output, row.Jurisdiction);
        CsvText.Cell(output, row.Grants.ToString(CultureInfo.InvariantCulture));
        CsvText.Cell(output, row.Denials.ToString(CultureInfo.InvariantCulture));
        CsvText.Cell(output, row.Withdrawals.ToString(CultureInfo.InvariantCulture));
        CsvText.EndRow(output);
    }

    private static void WriteRights(Utf8Buffer output, RightsRequestRow row)
    {
        CsvText.Cell(output, row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first: true);
        foreach (long count in (ReadOnlySpan<long>)[row.Accesses, row.Exports, row.Erasures, row.Links, row.Unlinks])
        {
            CsvText.Cell(output, count.ToString(CultureInfo.InvariantCulture));
        }

        CsvText.EndRow(output);
    }

    private static void WriteAllowed(Utf8Buffer output, AllowedShare share)
    {
        CsvText.Cell(output, share.Purpose, first: true);
        CsvText.Cell(output, share.Channel);
        CsvText.Cell(output, share.People.ToString(CultureInfo.InvariantCulture));
        CsvText.Cell(output, share.Allowed.ToString(CultureInfo.InvariantCulture));
        CsvText.Cell(output, share.Share.ToString("0.0000", CultureInfo.InvariantCulture));
        CsvText.EndRow(output);
    }
}
