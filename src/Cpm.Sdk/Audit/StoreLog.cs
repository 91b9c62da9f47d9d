using System.Security.Cryptography;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Audit;

/// <summary>
/// Reads the store's audit log on a read connection (beside the writer).
/// </summary>
/// <remarks>
/// Placeholder until the store keeps its log (schema v3: salts, leaf hashes, subtree hashes and checkpoints in
/// SQLite). Until then it rebuilds the log from the <c>events</c> rows on every call, in append order, with a salt
/// derived from each event's id because the salt is not stored yet. Only the two signatures below are the contract.
/// </remarks>
internal static class StoreLog
{
    /// <summary>The latest checkpoint the store keeps: origin = the store's instance id, size, root. Size 0 / empty root when empty.</summary>
    public static AuditCheckpoint LatestCheckpoint(SqliteConnection connection, string origin)
    {
        var frontier = new MerkleFrontier();
        foreach ((_, byte[] _, byte[] hash) in Leaves(connection))
        {
            frontier.Append(hash);
        }

        return new AuditCheckpoint(origin, frontier.Size, frontier.Root());
    }

    /// <summary>
    /// The event's leaf index and leaf hash and its inclusion proof in the log of <paramref name="size"/> leaves; null
    /// when the id is not in the first <paramref name="size"/> leaves.
    /// </summary>
    public static StoreInclusion? Inclusion(SqliteConnection connection, Guid eventId, long size)
    {
        var hashes = new List<byte[]>();
        long index = -1;
        byte[]? leafBytes = null;
        foreach ((Guid id, byte[] bytes, byte[] hash) in Leaves(connection))
        {
            if (hashes.Count == size)
            {
                break;
            }

            if (id == eventId)
            {
                index = hashes.Count;
                leafBytes = bytes;
            }

            hashes.Add(hash);
        }

        if (index < 0 || leafBytes is null || hashes.Count < size)
        {
            return null;
        }

        var nodes = new LeafListNodes(hashes);
        return new StoreInclusion(index, hashes[(int)index], leafBytes, MerkleLog.InclusionProof(index, size, nodes.Subtree));
    }

    /// <summary>Placeholder verification: the rebuilt log is the log, so it is intact by construction.</summary>
    public static AuditVerification Verify(SqliteConnection connection, string origin) =>
        new(true, LatestCheckpoint(connection, origin).Size, null, null);

    private static IEnumerable<(Guid Id, byte[] Bytes, byte[] Hash)> Leaves(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordReader.Columns} FROM events ORDER BY seq";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            ConsentRecord record = RecordReader.Read(reader);
            byte[] salt = SHA256.HashData(record.Id.ToByteArray(bigEndian: true))[..WireFormat.SaltLength];
            byte[] bytes = AuditLeaf.Bytes(WireEvent.FromRecord(record, salt));
            yield return (record.Id, bytes, MerkleLog.HashLeaf(bytes));
        }
    }
}

/// <summary>An event's place in the store's log: its leaf index, leaf hash, leaf bytes and inclusion proof.</summary>
internal sealed record StoreInclusion(long Index, byte[] LeafHash, byte[] LeafBytes, IReadOnlyList<byte[]> Proof);
