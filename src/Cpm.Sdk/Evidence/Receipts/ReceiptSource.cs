using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>What a receipt is made from, read in one snapshot of the store.</summary>
/// <param name="Record">The record.</param>
/// <param name="EffectiveId">The id of the record that decides its (user, purpose, channel) now, if any.</param>
/// <param name="Checkpoint">The store's latest checkpoint.</param>
/// <param name="Inclusion">The record's place in that checkpoint's log, or <see langword="null"/> when it is not in it yet.</param>
internal sealed record ReceiptSource(ConsentRecord Record, Guid? EffectiveId, AuditCheckpoint Checkpoint, StoreInclusion? Inclusion)
{
    /// <summary>Reads the record, its key's effective record, the checkpoint and the inclusion proof on a read connection.</summary>
    /// <exception cref="KeyNotFoundException">The store holds no record with <paramref name="recordId"/>.</exception>
    public static ReceiptSource Read(IEvidenceStore store, Guid recordId)
    {
        using SqliteConnection connection = store.OpenReader();
        Sql.Execute(connection, "BEGIN");
        try
        {
            ConsentRecord record = ReadRecord(connection, recordId)
                ?? throw new KeyNotFoundException($"This store holds no record with id {recordId}.");
            AuditCheckpoint checkpoint = StoreLog.LatestCheckpoint(connection, store.InstanceId);
            StoreInclusion? inclusion = checkpoint.Size == 0 ? null : StoreLog.Inclusion(connection, recordId, checkpoint.Size);
            return new ReceiptSource(record, ReadEffectiveId(connection, record), checkpoint, inclusion);
        }
        finally
        {
            Sql.Execute(connection, "COMMIT");
        }
    }

    private static ConsentRecord? ReadRecord(SqliteConnection connection, Guid recordId)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordReader.Columns} FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", recordId.ToByteArray(bigEndian: true));
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? RecordReader.Read(reader) : null;
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
}
