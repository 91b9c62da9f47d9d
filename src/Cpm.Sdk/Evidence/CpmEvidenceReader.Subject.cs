using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Rights;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cpm.Sdk;

/// <summary>A person's data read from the file: the same as <see cref="IDataSubjectRights.AccessAsync"/>, without recording anything.</summary>
public sealed partial class CpmEvidenceReader
{
    /// <summary>
    /// Everything the store holds about one person, as <see cref="IDataSubjectRights.AccessAsync"/> returns it: records
    /// with evidence (their erasures included), the aliases linked to them, their jurisdiction, when they were erased,
    /// and the decision now for every purpose × channel of the catalog (see <see cref="OpenAsync"/>), made by the gate's
    /// rules over the person's effective records as the file holds them.
    /// </summary>
    /// <remarks>
    /// A reader never writes, so unlike <see cref="IDataSubjectRights.AccessAsync"/> this does not record the request
    /// in the audit log: a request served to the person should go through the application's client.
    /// </remarks>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The person's data.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is not a valid user id.</exception>
    /// <exception cref="KeyNotFoundException">The store holds nothing about the person: no event, no alias, no erasure.</exception>
    /// <exception cref="CpmStoreException">The store cannot be read.</exception>
    public Task<SubjectData> GetSubjectAsync(string userId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        CheckUser(userId);
        return Task.Run(() => ReadSubject(userId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Writes what <see cref="GetSubjectAsync"/> returns as one JSON document: the same document as
    /// <see cref="IDataSubjectRights.ExportSubjectAsync"/>, again without recording the request.
    /// </summary>
    /// <param name="userId">The person.</param>
    /// <param name="destination">A writable stream; left open. Nothing is written when the person is unknown.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the document is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is not a valid user id, or <paramref name="destination"/> is not writable.</exception>
    /// <exception cref="KeyNotFoundException">The store holds nothing about the person.</exception>
    /// <exception cref="CpmStoreException">The store cannot be read.</exception>
    public async Task ExportSubjectAsync(string userId, Stream destination, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        CheckUser(userId);
        Evidence.EvidenceArguments.CheckDestination(destination);
        SubjectData data = await Task.Run(() => ReadSubject(userId, cancellationToken), cancellationToken).ConfigureAwait(false);
        await SubjectJson.WriteAsync(data, destination, cancellationToken).ConfigureAwait(false);
    }

    private static void CheckUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (FieldRules.UserIdProblem(userId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(userId));
        }
    }

    /// <summary>
    /// The person's rows, and a gate over their effective records and erasure only (not the whole index: one person's
    /// lookup stays small in a store of millions), all in one snapshot.
    /// </summary>
    private SubjectData ReadSubject(string userId, CancellationToken cancellationToken)
    {
        var symbols = new SymbolTable();
        (SubjectRows rows, Catalog catalog, ConsentIndex index) = Read(connection =>
        {
            string? saved = Sql.ScalarString(connection, $"SELECT value FROM sync_state WHERE key = '{SyncStateKeys.Catalog}'");
            Catalog merged = CatalogSync.Initial(_options, symbols, saved, NullLogger.Instance);
            return (SubjectReader.ReadRows(connection, userId, cancellationToken), merged, IndexLoader.LoadUser(connection, symbols, userId));
        });
        if (!rows.HoldsAnything)
        {
            throw new KeyNotFoundException("This store holds nothing about that user id: no record, no alias, no erasure.");
        }

        var tombstones = new Tombstones();
        if (rows.Erasure is { } erasure)
        {
            tombstones.Add(SubjectKey.Of(userId), erasure);
        }

        var gate = new ConsentGate(catalog, index, _options.TimeProvider, new AliasIndex(), tombstones);
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return SubjectReader.Build(rows, gate, _options.DefaultJurisdiction, now);
    }
}
