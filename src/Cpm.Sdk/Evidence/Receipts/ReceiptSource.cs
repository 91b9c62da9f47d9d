using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>What a receipt is made from, read in one snapshot of the store.</summary>
/// <param name="Record">The record: for a scrubbed one, without its user id, evidence and alias.</param>
/// <param name="Scrubbed">Whether the record's person was erased, so the record no longer names them.</param>
/// <param name="SubjectHash">An erasure's subject hash; <see langword="null"/> for other kinds.</param>
/// <param name="EffectiveId">
/// The id of the event that decides the record's key now, if any: for a consent choice its (user, purpose, channel), for
/// a link its alias; <see langword="null"/> for other kinds and for a scrubbed record.
/// </param>
/// <param name="Checkpoint">The store's latest checkpoint.</param>
/// <param name="Inclusion">The record's place in that checkpoint's log, or <see langword="null"/> when it is not in it yet.</param>
internal sealed record ReceiptSource(
    ConsentRecord Record, bool Scrubbed, string? SubjectHash, Guid? EffectiveId, AuditCheckpoint Checkpoint, StoreInclusion? Inclusion)
{
    private const int ScrubbedColumn = RecordReader.ColumnCount;

    /// <summary>Reads the record, its key's effective record, the checkpoint and the inclusion proof on a read connection.</summary>
    /// <exception cref="KeyNotFoundException">The store holds no record with <paramref name="recordId"/>.</exception>
    public static ReceiptSource Read(IEvidenceStore store, Guid recordId)
    {
        using SqliteConnection connection = store.OpenReader();
        Sql.Execute(connection, "BEGIN");
        try
        {
            (ConsentRecord record, bool scrubbed, string? subjectHash) = ReadRecord(connection, recordId)
                ?? throw new KeyNotFoundException($"This store holds no record with id {recordId}.");
            AuditCheckpoint checkpoint = StoreLog.LatestCheckpoint(connection, store.InstanceId);
            StoreInclusion? inclusion = checkpoint.Size == 0 ? null : StoreLog.Inclusion(connection, recordId, checkpoint.Size);
            Guid? effective = scrubbed ? null : record.Kind switch
            {
                EventKind.Consent => ReadEffectiveId(connection, record),
                EventKind.Link => ReadAliasEventId(connection, record.Alias),
                _ => null,
            };
            return new ReceiptSource(record, scrubbed, subjectHash, effective, checkpoint, inclusion);
        }
        finally
        {
            Sql.Execute(connection, "COMMIT");
        }
    }

    private static (ConsentRecord Record, bool Scrubbed, string? SubjectHash)? ReadRecord(SqliteConnection connection, Guid recordId)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordReader.Columns}, scrubbed, subject_hash FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", recordId.ToByteArray(bigEndian: true));
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return (
            RecordReader.Read(reader),
            reader.GetInt64(ScrubbedColumn) != 0,
            reader.IsDBNull(ScrubbedColumn + 1) ? null : reader.GetString(ScrubbedColumn + 1));
    }

    private static Guid? ReadEffectiveId(SqliteConnection connection, ConsentRecord record)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT event_id FROM state WHERE user_id = $user AND purpose = $purpose AND channel = $channel";
        command.Parameters.AddWithValue("$user", record.UserId);
        command.Parameters.AddWithValue("$purpose", record.Purpose);
        command.Parameters.AddWithValue("$channel", record.Channel);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? Sql.BlobToId(reader, 0) : null;
    }

    /// <summary>The link or unlink that decides <paramref name="alias"/> now (rule 4), if the alias is still held.</summary>
    private static Guid? ReadAliasEventId(SqliteConnection connection, string? alias)
    {
        if (alias is null)
        {
            return null;
        }

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT event_id FROM aliases WHERE alias = $alias";
        command.Parameters.AddWithValue("$alias", alias);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? Sql.BlobToId(reader, 0) : null;
    }
}
