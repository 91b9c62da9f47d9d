using Cpm.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// Proofs from the stored tree, on a read connection beside the writer: every proof reads O(log n) complete subtrees
/// from <c>merkle_nodes</c>. Sizes are checked by the caller against the committed <see cref="LogHead"/>, so every
/// subtree a proof needs is already stored.
/// </summary>
internal sealed class LogProofs(EventStore store)
{
    /// <summary>The consistency proof from <paramref name="from"/> leaves to <paramref name="to"/> (RFC 9162 §2.1.4.1).</summary>
    public IReadOnlyList<byte[]> Consistency(long from, long to)
    {
        using SqliteConnection connection = store.OpenReadConnection();
        using MerkleNodes.NodeReader nodes = MerkleNodes.Reader(connection);
        return MerkleLog.ConsistencyProof(from, to, nodes.Subtree);
    }

    /// <summary>The leaf index of the event with this id, or <see langword="null"/> when the server does not hold it.</summary>
    public long? IndexOf(string id)
    {
        using SqliteConnection connection = store.OpenReadConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is long sequence ? sequence - 1 : null;
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the log of <paramref name="size"/> leaves (RFC 9162 §2.1.3.1).</summary>
    public IReadOnlyList<byte[]> Inclusion(long index, long size)
    {
        using SqliteConnection connection = store.OpenReadConnection();
        using MerkleNodes.NodeReader nodes = MerkleNodes.Reader(connection);
        return MerkleLog.InclusionProof(index, size, nodes.Subtree);
    }
}
