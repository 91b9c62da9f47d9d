using Cpm.Sdk.Audit;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Storage.Operations;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Rights;

/// <summary>
/// A person's identity and rights (<see cref="IDataSubjectRights"/>): links, unlinks and erasures go through the single
/// writer like captures; access and export read the store beside it and record the request in the audit log.
/// </summary>
internal sealed class SubjectRights(
    SqliteStore store, ConsentWriter writer, ConsentGate gate, ConsentIndex index, AliasIndex aliases, Tombstones tombstones,
    string? defaultJurisdiction, TimeProvider clock)
{
    public async ValueTask<ConsentRecord> LinkAsync(string userId, string alias, CancellationToken cancellationToken)
    {
        RightsArguments.CheckUser(userId);
        string normalized = RightsArguments.NormalizeAlias(alias, aliases);
        RightsArguments.ThrowIfErased(userId, index, tombstones);

        return await SubmitAsync(EventKind.Link, userId, normalized, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ConsentRecord> UnlinkAsync(string alias, CancellationToken cancellationToken)
    {
        string normalized = RightsArguments.NormalizeAlias(alias, aliases);
        if (aliases.Get(normalized)?.UserId is not { } userId)
        {
            throw new ArgumentException("The alias is not linked to anyone.", nameof(alias));
        }

        return await SubmitAsync(EventKind.Unlink, userId, normalized, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ErasureReceipt> EraseAsync(string userId, CancellationToken cancellationToken)
    {
        RightsArguments.CheckUser(userId);
        if (!await Task.Run(() => HoldsAnything(userId), cancellationToken).ConfigureAwait(false))
        {
            throw RightsArguments.NothingHeld();
        }

        DateTimeOffset now = Now();
        string subjectHash = WireFormat.SubjectHash(userId);
        var erasure = new StoredEvent(NewRecord(EventKind.Erasure, "", null, now), null, null) { SubjectHash = subjectHash };
        _ = erasure.LeafHash;
        (ConsentRecord record, ErasureOutcome outcome) = await writer.SubmitAsync(new EraseOperation(erasure), cancellationToken).ConfigureAwait(false);
        return new ErasureReceipt
        {
            EventId = record.Id,
            ErasedAt = record.OccurredAt,
            SubjectHash = subjectHash,
            EventsScrubbed = outcome.Events,
            EvidenceErased = outcome.Evidence,
            AliasesErased = outcome.Aliases,
            Leaf = System.Text.Encoding.UTF8.GetString(EventLeaf.Bytes(erasure)),
            LeafHash = erasure.LeafHash,
        };
    }

    public async Task<SubjectData> AccessAsync(string userId, CancellationToken cancellationToken)
    {
        RightsArguments.CheckUser(userId);
        SubjectData data = await Task.Run(() => Read(userId, cancellationToken), cancellationToken).ConfigureAwait(false);
        await SubmitAsync(EventKind.Access, userId, null, CancellationToken.None).ConfigureAwait(false);
        return data;
    }

    public async Task ExportSubjectAsync(string userId, Stream destination, CancellationToken cancellationToken)
    {
        RightsArguments.CheckUser(userId);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(destination));
        }

        SubjectData data = await Task.Run(() => Read(userId, cancellationToken), cancellationToken).ConfigureAwait(false);
        await SubjectJson.WriteAsync(data, destination, cancellationToken).ConfigureAwait(false);
        await SubmitAsync(EventKind.Export, userId, null, CancellationToken.None).ConfigureAwait(false);
    }

    private SubjectData Read(string userId, CancellationToken cancellationToken)
    {
        SubjectRows rows;
        using (SqliteConnection connection = store.OpenReader())
        {
            Sql.Execute(connection, "BEGIN");
            try
            {
                rows = SubjectReader.ReadRows(connection, userId, cancellationToken);
            }
            finally
            {
                Sql.Execute(connection, "COMMIT");
            }
        }

        return SubjectReader.Build(rows, gate, defaultJurisdiction, Now());
    }

    private bool HoldsAnything(string userId)
    {
        if (index.Contains(userId))
        {
            return true;
        }

        using SqliteConnection connection = store.OpenReader();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM events WHERE user_id = $user) OR EXISTS (SELECT 1 FROM aliases WHERE user_id = $user)";
        command.Parameters.AddWithValue("$user", userId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private async ValueTask<ConsentRecord> SubmitAsync(EventKind kind, string userId, string? alias, CancellationToken cancellationToken)
    {
        var stored = new StoredEvent(NewRecord(kind, userId, alias, Now()), null, WireFormat.NewSalt());
        _ = stored.LeafHash; // hashed here, on the caller's thread, not on the single writer's
        return await writer.SubmitAsync(new RecordOperation(stored), cancellationToken).ConfigureAwait(false);
    }

    private ConsentRecord NewRecord(EventKind kind, string userId, string? alias, DateTimeOffset now) =>
        RightsArguments.NewRecord(kind, userId, alias, now, store.InstanceId);

    private DateTimeOffset Now() => RightsArguments.Now(clock);
}
