using Cpm.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>The log's size and root as last committed: what <c>GET v1/checkpoint</c> signs.</summary>
internal sealed record LogHead(long Size, byte[] Root);

/// <summary>
/// The events table as a Merkle log in server sequence (leaf index = seq − 1): the right edge in memory, every
/// complete subtree in <c>merkle_nodes</c>. The writer appends inside its transaction on a copy of the edge and
/// publishes it only after the commit, so a failed batch leaves memory and file as they were.
/// </summary>
internal sealed class LogTree
{
    private MerkleFrontier _frontier;
    private LogHead _head;

    private LogTree(MerkleFrontier frontier)
    {
        _frontier = frontier;
        _head = new LogHead(frontier.Size, frontier.Root());
    }

    /// <summary>The last committed size and root.</summary>
    public LogHead Head => Volatile.Read(ref _head);

    /// <summary>Rebuilds the right edge of a log of as many leaves as the events table holds rows.</summary>
    /// <exception cref="InvalidOperationException">The sequence has gaps or a needed subtree is missing.</exception>
    public static LogTree Load(SqliteConnection connection)
    {
        long size = CheckSequence(connection);
        using MerkleNodes.NodeReader nodes = MerkleNodes.Reader(connection);
        return new LogTree(MerkleFrontier.Restore(size, nodes.Subtree));
    }

    /// <summary>
    /// The number of events, after checking that their sequence numbers run 1, 2, ... n without a gap: the leaf index
    /// of an event is its sequence number − 1.
    /// </summary>
    public static long CheckSequence(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(min(seq), 1), coalesce(max(seq), 0) FROM events";
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        (long count, long first, long last) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        reader.Close();
        long issued = Sql.ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'events'");
        if ((count > 0 && first != 1) || last != count || issued > count)
        {
            throw new InvalidOperationException(
                $"The events table holds {count} events numbered {first} to {last} ({issued} issued): sequence numbers must run from 1 without a gap, since they are the log's leaf indexes.");
        }

        return count;
    }

    /// <summary>Starts appending a batch: a copy of the right edge, published by <see cref="Publish"/> after the commit.</summary>
    public MerkleFrontier Begin() => _frontier.Clone();

    /// <summary>Appends the leaf of the event stored as <paramref name="sequence"/>, writing the completed subtrees in the caller's transaction.</summary>
    public static void Append(SqliteConnection connection, MerkleFrontier pending, long sequence, byte[] leafHash)
    {
        if (sequence != pending.Size + 1)
        {
            throw new InvalidOperationException($"Event stored as {sequence} would be leaf {pending.Size}: the sequence has a gap.");
        }

        MerkleNodes.Insert(connection, pending.Append(leafHash));
    }

    /// <summary>Makes a committed batch's right edge the current one.</summary>
    public void Publish(MerkleFrontier committed)
    {
        _frontier = committed;
        Volatile.Write(ref _head, new LogHead(committed.Size, committed.Root()));
    }
}
