using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Audit;

/// <summary>
/// The store's audit log as the single writer appends to it, inside each batch's transaction: every new event's leaf
/// extends the Merkle frontier, complete subtrees of <see cref="StoreLog.StoredLevel"/> and above are written to
/// <c>merkle_nodes</c>, and a batch that appended ends with a checkpoint row. O(log n) per append; the log is never
/// rehashed. A batch that fails rolls the in-memory frontier back with it.
/// </summary>
internal sealed class StoreLogWriter
{
    private MerkleFrontier _frontier;
    private byte[]? _lastLeaf;
    private MerkleFrontier? _savedFrontier;
    private byte[]? _savedLastLeaf;
    private volatile CheckpointRow _published;

    private StoreLogWriter(MerkleFrontier frontier, byte[]? lastLeaf, CheckpointRow published)
    {
        _frontier = frontier;
        _lastLeaf = lastLeaf;
        _published = published;
    }

    /// <summary>The last committed checkpoint: what <c>GetCheckpointAsync</c> reports.</summary>
    public CheckpointRow Published => _published;

    /// <summary>The leaf hash of the last event appended, which the next event stores as its <c>prev_hash</c>.</summary>
    public byte[]? PreviousLeaf => _lastLeaf;

    /// <summary>Restores the writer's state from the store at open, before the writer thread starts.</summary>
    public static StoreLogWriter Open(SqliteConnection connection)
    {
        long size = Sql.ScalarInt64(connection, "SELECT count(*) FROM events");
        MerkleFrontier frontier = StoreLog.RestoreFrontier(connection, size);
        byte[]? last = size == 0 ? null : StoreLog.LeafHashes(connection, size - 1, 1)[0];
        return new StoreLogWriter(frontier, last, new CheckpointRow(size, frontier.Root()));
    }

    /// <summary>Starts a batch: remembers where the log stood, in case the batch fails.</summary>
    public void Begin()
    {
        _savedFrontier = _frontier.Clone();
        _savedLastLeaf = _lastLeaf;
    }

    /// <summary>Appends a newly inserted event's leaf and writes the complete subtrees it finished.</summary>
    public void Append(byte[] leafHash, EventCommands commands)
    {
        foreach ((int level, long index, byte[] hash) in _frontier.Append(leafHash))
        {
            if (level >= StoreLog.StoredLevel)
            {
                commands.InsertNode(level, index, hash);
            }
        }

        _lastLeaf = leafHash;
    }

    /// <summary>Ends a batch inside its transaction: a checkpoint row when the batch appended anything.</summary>
    public void End(EventCommands commands, long nowMs)
    {
        if (_savedFrontier is not null && _frontier.Size != _savedFrontier.Size)
        {
            commands.InsertCheckpoint(_frontier.Size, _frontier.Root(), nowMs);
        }
    }

    /// <summary>After the commit: the batch's checkpoint becomes the published one.</summary>
    public void Commit()
    {
        if (_savedFrontier is not null && _frontier.Size != _savedFrontier.Size)
        {
            _published = new CheckpointRow(_frontier.Size, _frontier.Root());
        }

        _savedFrontier = null;
    }

    /// <summary>After a failed batch: the log is as it was before the batch.</summary>
    public void Rollback()
    {
        if (_savedFrontier is not null)
        {
            _frontier = _savedFrontier;
            _lastLeaf = _savedLastLeaf;
            _savedFrontier = null;
        }
    }
}

/// <summary>A checkpoint of the store's log: its size and root.</summary>
internal sealed record CheckpointRow(long Size, byte[] Root);
