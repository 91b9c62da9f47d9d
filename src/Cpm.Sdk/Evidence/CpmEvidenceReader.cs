using Cpm.Sdk.Audit;
using Cpm.Sdk.Evidence;
using Cpm.Sdk.Evidence.Export;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk;

/// <summary>
/// The evidence of a store file, read without a client: verify its audit log, export its records, make receipts and
/// reports, look up what it holds about a person. For compliance tools (the <c>cpm</c> command) and audits of a copy of a store. It only ever reads: it never
/// creates, migrates or writes the file, never takes the writing client's lock, and works beside a live
/// <see cref="CpmClient"/> on the same file, reading consistent snapshots of what that client has committed.
/// </summary>
/// <remarks>
/// Every task opens its own read connection. While no write-ahead log exists (no client has the file open) the file is
/// read as immutable: no lock is taken and no <c>-wal</c> or <c>-shm</c> file appears. A reader makes no network call,
/// so its receipts carry the proof against the store's checkpoint only, never the server's.
/// </remarks>
/// <example>
/// <code>
/// await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync("cpm.db");
/// AuditVerification audit = await reader.VerifyAuditAsync();
/// </code>
/// </example>
public sealed partial class CpmEvidenceReader : IConsentEvidence, IAsyncDisposable, IDisposable
{
    private readonly ReadOnlyStore _store;
    private readonly CpmOptions _options;
    private int _disposed;

    private CpmEvidenceReader(ReadOnlyStore store, CpmOptions options)
    {
        _store = store;
        _options = options;
    }

    /// <summary>
    /// Raised, on the task's thread, as an export or an audit check walks the log: every few thousand records and once
    /// at the end. Handlers must be quick; one that throws fails the task.
    /// </summary>
    public event EventHandler<EvidenceProgress>? Progress;

    /// <summary>The full path of the store file.</summary>
    public string DatabasePath => _store.Path;

    /// <summary>The id of the instance that owns the store: the origin of its checkpoints.</summary>
    public string InstanceId => _store.InstanceId;

    /// <summary>
    /// Opens a store file to read its evidence, checking that it is a Cpm store of the schema version this SDK writes.
    /// </summary>
    /// <param name="databasePath">The store file.</param>
    /// <param name="options">
    /// Optional: only <see cref="CpmOptions.Purposes"/> and <see cref="CpmOptions.Channels"/> (merged over the catalog
    /// the store saved from its endpoint, as a client does), <see cref="CpmOptions.Controller"/>,
    /// <see cref="CpmOptions.TimeZone"/>, <see cref="CpmOptions.DefaultJurisdiction"/> and
    /// <see cref="CpmOptions.TimeProvider"/> are used. Without options, receipts, reports and a person's decisions use
    /// the catalog the store saved (none when it never synced), no controller, and UTC.
    /// </param>
    /// <param name="cancellationToken">Cancels before the open starts.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is empty, or an option used is invalid.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="databasePath"/>.</exception>
    /// <exception cref="CpmStoreException">
    /// The file is not a Cpm store, has an older schema version (open it once with <see cref="CpmClient.OpenAsync"/> to
    /// migrate it) or a newer one, is locked by another program, or cannot be read. It is left untouched.
    /// </exception>
    public static Task<CpmEvidenceReader> OpenAsync(string databasePath, CpmOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        CheckOptions(options);
        string path = Path.GetFullPath(databasePath);
        return Task.Run(() => new CpmEvidenceReader(ReadOnlyStore.Open(path), options ?? new CpmOptions()), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Every event row is recomputed from its fields and salt and compared with its leaf, its place in the log and the
    /// chain, and the log rebuilt from them with every checkpoint the store kept, all in one snapshot.
    /// <see cref="Progress"/> reports the rows checked.
    /// </remarks>
    public Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Task.Run(() => Read(connection =>
        {
            long total = Sql.ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM events");
            AuditVerification result = AuditVerifier.Verify(
                connection, cancellationToken, Progress is null ? null : rows => Report(new EvidenceProgress(rows, total, rows)));
            Report(new EvidenceProgress(total, total, result.Checked));
            return result;
        }), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The store's latest checkpoint, read from the file: origin is <see cref="InstanceId"/>.</remarks>
    public Task<AuditCheckpoint> GetCheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Task.Run(() => Read(connection => StoreLog.LatestCheckpoint(connection, _store.InstanceId)), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks><see cref="Progress"/> reports the records written.</remarks>
    public Task<ExportSummary> ExportAsync(ExportQuery query, Stream destination, ExportFormat format, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EvidenceArguments.CheckExport(query, destination, format);
        Action<EvidenceProgress>? progress = Progress is null ? null : Report;
        return Task.Run(() => Translate(() => Exporter.RunAsync(_store, query, destination, format, cancellationToken, progress)), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>A reader asks no server, so the receipt's <see cref="ConsentReceipt.ServerProof"/> is always <see langword="null"/>.</remarks>
    public Task<ConsentReceipt> GetReceiptAsync(Guid recordId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EvidenceArguments.CheckRecordId(recordId);
        return Translate(() => Service(withIndex: false).GetReceiptAsync(recordId, cancellationToken));
    }

    /// <inheritdoc/>
    /// <remarks>The allowed shares are those of the gate rebuilt from the store's state as the report starts.</remarks>
    public Task<ConsentReport> GetReportAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EvidenceArguments.CheckReport(query);
        return Translate(async () =>
        {
            EvidenceService service = await Task.Run(() => Service(withIndex: true), cancellationToken).ConfigureAwait(false);
            return await service.GetReportAsync(query, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Closes the reader; it holds no connection between tasks, so this only refuses later calls.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the reader; it holds no connection between tasks, so this only refuses later calls.</summary>
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

    private static void CheckOptions(CpmOptions? options)
    {
        if (options is null)
        {
            return;
        }

        var problems = new List<string>();
        if (options.Purposes.Count > 0)
        {
            CatalogChecks.Purposes(options.Purposes, "CpmOptions", problems);
        }

        if (options.Channels.Count > 0)
        {
            CatalogChecks.Channels(options.Channels, "CpmOptions", problems);
        }

        EvidenceOptionsValidator.Check(options, problems);
        if (options.TimeProvider is null)
        {
            problems.Add("CpmOptions.TimeProvider is required.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CpmOptions: " + string.Join(" ", problems), nameof(options));
        }
    }

    private void Report(EvidenceProgress progress) => Progress?.Invoke(this, progress);

    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using SqliteConnection connection = _store.OpenReader();
        return ReadOnlyStore.Translate(_store.Path, () =>
        {
            Sql.Execute(connection, "BEGIN");
            try
            {
                return read(connection);
            }
            finally
            {
                Sql.Execute(connection, "COMMIT");
            }
        });
    }

    private async Task<T> Translate<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw ReadOnlyStore.Failure(_store.Path, ex);
        }
    }
}
