using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Audit;

/// <summary>
/// Reads the store's audit log: the <c>events</c> table in append order (leaf index = <c>seq</c> - 1, leaf hash in
/// <c>hash</c>), complete subtrees of <see cref="StoredLevel"/> and above in <c>merkle_nodes</c>, smaller ones
/// recomputed from at most 2^<see cref="StoredLevel"/> leaf hashes, and the <c>checkpoints</c> every commit keeps.
/// Works on any connection: the writer's at open, a read connection beside it afterwards.
/// </summary>
internal static class StoreLog
{
    /// <summary>Complete subtrees of 2^4 = 16 leaves and above are stored; a write stores one node per 8 events on average.</summary>
    public const int StoredLevel = 4;

    public static MerkleFrontier RestoreFrontier(SqliteConnection connection, long size) =>
        MerkleFrontier.Restore(size, (level, index) => Subtree(connection, level, index));

    /// <summary>The hash of the complete subtree at (level, index).</summary>
    public static byte[] Subtree(SqliteConnection connection, int level, long index)
    {
        if (level < StoredLevel)
        {
            List<byte[]> leaves = LeafHashes(connection, index << level, 1 << level);
            return MerkleLog.RootOf(leaves);
        }

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM merkle_nodes WHERE level = $level AND idx = $idx";
        command.Parameters.AddWithValue("$level", level);
        command.Parameters.AddWithValue("$idx", index);
        return command.ExecuteScalar() as byte[] ?? throw new CpmStoreException($"The audit log lacks its node at level {level}, index {index}.");
    }

    /// <summary>The stored leaf hashes of <paramref name="count"/> leaves from <paramref name="start"/>.</summary>
    public static List<byte[]> LeafHashes(SqliteConnection connection, long start, int count)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM events WHERE seq > $start AND seq <= $end ORDER BY seq";
        command.Parameters.AddWithValue("$start", start);
        command.Parameters.AddWithValue("$end", start + count);
        using SqliteDataReader reader = command.ExecuteReader();
        var hashes = new List<byte[]>(count);
        while (reader.Read())
        {
            hashes.Add(reader.IsDBNull(0) ? throw Missing(start + hashes.Count) : reader.GetFieldValue<byte[]>(0));
        }

        return hashes.Count == count ? hashes : throw Missing(start + hashes.Count);
    }

    /// <summary>The latest checkpoint the store keeps; size 0 with the empty root when the log is empty.</summary>
    public static AuditCheckpoint LatestCheckpoint(SqliteConnection connection, string origin)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT size, root FROM checkpoints ORDER BY size DESC LIMIT 1";
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read()
            ? new AuditCheckpoint(origin, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : new AuditCheckpoint(origin, 0, MerkleLog.RootOf([]));
    }

    /// <summary>
    /// The event's leaf index, leaf bytes and hash, and its inclusion proof in the log of <paramref name="size"/> leaves;
    /// <see langword="null"/> when the event is not among the first <paramref name="size"/> leaves.
    /// </summary>
    public static StoreInclusion? Inclusion(SqliteConnection connection, Guid eventId, long size)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT seq, hash, {RecordReader.StoredColumns} FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", eventId.ToByteArray(bigEndian: true));
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) > size || reader.IsDBNull(1))
        {
            return null;
        }

        long index = reader.GetInt64(0) - 1;
        byte[] leafHash = reader.GetFieldValue<byte[]>(1);
        byte[] leafBytes;
        try
        {
            leafBytes = EventLeaf.Bytes(RecordReader.ReadStored(reader, offset: 2));
        }
        catch (CpmStoreException)
        {
            return null; // a row without its salt has no leaf to prove
        }

        IReadOnlyList<byte[]> proof = MerkleLog.InclusionProof(index, size, (level, i) => Subtree(connection, level, i));
        return new StoreInclusion(index, leafHash, leafBytes, proof);
    }

    private static CpmStoreException Missing(long index) => new($"The audit log lacks the leaf hash of index {index}.");
}

/// <summary>An event's place in the store's log: leaf index, leaf hash and bytes, and its inclusion proof.</summary>
internal sealed record StoreInclusion(long Index, byte[] LeafHash, byte[] LeafBytes, IReadOnlyList<byte[]> Proof);
