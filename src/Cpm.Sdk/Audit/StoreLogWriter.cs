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
    private readonly CpmStoreException? _unreadable;

    private StoreLogWriter(MerkleFrontier frontier, byte[]? lastLeaf, CheckpointRow published, CpmStoreException? unreadable = null)
    {
        _frontier = frontier;
        _lastLeaf = lastLeaf;
        _published = published;
        _unreadable = unreadable;
    }

    /// <summary>The last committed checkpoint: what <c>GetCheckpointAsync</c> reports.</summary>
    /// <exception cref="CpmStoreException">The log could not be read when the store opened.</exception>
    public CheckpointRow Published => _unreadable is null ? _published : throw _unreadable;

    /// <summary>
    /// <see langword="false"/> for the writer of <see cref="Off"/>, which appends nothing: the benchmarks' baseline
    /// (<see cref="CpmOptions.WithoutAuditLogForBenchmarks"/>).
    /// </summary>
    public bool Enabled { get; private init; } = true;

    /// <summary>The leaf hash of the last event appended, which the next event stores as its <c>prev_hash</c>.</summary>
    public byte[]? PreviousLeaf => _lastLeaf;

    /// <summary>Restores the writer's state from the store at open, before the writer thread starts.</summary>
    /// <remarks>
    /// A log that cannot be read (a damaged page of <c>events</c> or <c>merkle_nodes</c>) does not stop the open: the
    /// gate still answers from its checked tables and the background check reports the damage, but every batch fails
    /// with the reason, since appending to a log whose end is unknown would break it.
    /// </remarks>
    public static StoreLogWriter Open(SqliteConnection connection)
    {
        try
        {
            return Restore(connection);
        }
        catch (Exception ex) when (ex is SqliteException or CpmStoreException)
        {
            var unreadable = new CpmStoreException(
                "The store's audit log could not be read when the store opened, so nothing can be appended to it: " + ex.Message, ex);
            return new StoreLogWriter(new MerkleFrontier(), null, new CheckpointRow(0, MerkleLog.RootOf([])), unreadable);
        }
    }

    /// <summary>Benchmark only: a writer that appends nothing and keeps no checkpoint (see <see cref="CpmOptions.WithoutAuditLogForBenchmarks"/>).</summary>
    public static StoreLogWriter Off() => new(new MerkleFrontier(), null, new CheckpointRow(0, MerkleLog.RootOf([]))) { Enabled = false };

    private static StoreLogWriter Restore(SqliteConnection connection)
    {
        // Leaf index = seq - 1, so the log's size is the last seq: one step down the rowid tree, where count(*) reads
        // every page of the table (seconds on a cold 1,000,000-event file).
        long size = Sql.ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM events");
        MerkleFrontier frontier = StoreLog.RestoreFrontier(connection, size);
        byte[]? last = size == 0 ? null : StoreLog.LeafHashes(connection, size - 1, 1)[0];
        return new StoreLogWriter(frontier, last, new CheckpointRow(size, frontier.Root()));
    }

    /// <summary>Starts a batch: remembers where the log stood, in case the batch fails.</summary>
    /// <exception cref="CpmStoreException">The log could not be read when the store opened.</exception>
    public void Begin()
    {
        if (_unreadable is not null)
        {
            throw _unreadable;
        }

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
