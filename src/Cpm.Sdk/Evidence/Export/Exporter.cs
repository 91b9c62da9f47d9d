using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync.Checkpoints;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// Runs an export on a read connection of its own: one read transaction (a WAL snapshot, beside the writer) holds the
/// checkpoint and the rows, so the trailer describes exactly the log the rows were read from. Rows stream from SQLite
/// into a small buffer that is written out as it fills; nothing else is kept, and no row allocates.
/// </summary>
internal static class Exporter
{
    /// <summary>Progress is reported after every this many records, and once at the end.</summary>
    private const int ProgressEvery = 4096;

    public static async Task<ExportSummary> RunAsync(
        IEvidenceStore store,
        ExportQuery query,
        Stream destination,
        ExportFormat format,
        CancellationToken cancellationToken,
        Action<EvidenceProgress>? progress = null)
    {
        var output = new Utf8Buffer();
        using SqliteConnection connection = store.OpenReader();

        // A raw BEGIN (not an ADO.NET transaction object) so every statement on the connection, the audit log's
        // included, reads the same snapshot.
        Sql.Execute(connection, "BEGIN");
        try
        {
            AuditCheckpoint checkpoint = StoreLog.LatestCheckpoint(connection, store.InstanceId);
            long total = progress is null ? 0 : Sql.ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM events");
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

                    if (progress is not null && count % ProgressEvery == 0)
                    {
                        progress(new EvidenceProgress(rows.Int64(ExportColumns.Seq), total, count));
                    }
                }
            }

            writer.End(new ExportTrailer(count, checkpoint, ExportTrailer.IsComplete(query), KeptServerCheckpoint(connection)));
            await output.FlushToAsync(destination, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            progress?.Invoke(new EvidenceProgress(total, total, count));
            return new ExportSummary(count, checkpoint);
        }
        finally
        {
            Sql.Execute(connection, "COMMIT");
        }
    }

    /// <summary>The endpoint's signed checkpoint the store kept, or <see langword="null"/> when it never synced one.</summary>
    private static ServerCheckpoint? KeptServerCheckpoint(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM sync_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", CheckpointKeys.Checkpoint);
        return ServerCheckpoint.Read(command.ExecuteScalar() as string);
    }
}
