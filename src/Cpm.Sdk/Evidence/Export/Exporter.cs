using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// Runs an export on a read connection of its own: one read transaction (a WAL snapshot, beside the writer) holds the
/// checkpoint and the rows, so the trailer describes exactly the log the rows were read from. Rows stream from SQLite
/// into a small buffer that is written out as it fills; nothing else is kept, and no row allocates.
/// </summary>
internal static class Exporter
{
    public static async Task<ExportSummary> RunAsync(
        SqliteStore store, ExportQuery query, Stream destination, ExportFormat format, CancellationToken cancellationToken)
    {
        var output = new Utf8Buffer();
        using SqliteConnection connection = store.OpenReader();

        // A raw BEGIN (not an ADO.NET transaction object) so every statement on the connection, the audit log's
        // included, reads the same snapshot.
        Sql.Execute(connection, "BEGIN");
        try
        {
            AuditCheckpoint checkpoint = StoreLog.LatestCheckpoint(connection, store.InstanceId);
            using var json = format == ExportFormat.JsonLines ? new JsonLinesFormat(output) : null;
            IExportFormat writer = json ?? (IExportFormat)new CsvFormat(output);
            writer.Begin();
            long count = 0;
            using (RawRows rows = ExportSql.Open(connection, query))
            {
                while (rows.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Row(rows);
                    count++;
                    if (output.IsFull)
                    {
                        await output.FlushToAsync(destination, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            writer.End(count, checkpoint);
            await output.FlushToAsync(destination, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new ExportSummary(count, checkpoint);
        }
        finally
        {
            Sql.Execute(connection, "COMMIT");
        }
    }
}
