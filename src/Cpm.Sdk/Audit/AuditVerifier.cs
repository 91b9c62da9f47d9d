using System.Runtime.ExceptionServices;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Audit;

/// <summary>
/// Checks the store's audit log on a read connection: every row, in append order, must sit at its leaf index (no row
/// deleted), match the leaf hash recomputed from its fields and salt (no field edited), and link to the previous leaf
/// (no row moved); the log rebuilt from the recomputed leaves must match every checkpoint the store kept, and no row
/// may lie beyond the last checkpoint (no row inserted). The first problem is reported with its leaf index.
/// </summary>
internal static class AuditVerifier
{
    private const string Query = $"SELECT seq, hash, prev_hash, {RecordReader.StoredColumns} FROM events ORDER BY seq";

    /// <summary>The salt's position in <see cref="Query"/>.</summary>
    private const int SaltColumn = 3 + RecordReader.SaltColumn;

    /// <summary>Rows checked between two calls of the progress callback.</summary>
    private const int ProgressEvery = 4096;

    /// <summary>
    /// Rows read while the rows before them are hashed: few enough that the two chunks alive at once die young (4,096
    /// promoted most records to generation 1 and 2, and the collections cost more than the second core gave).
    /// </summary>
    private const int Chunk = 256;

    /// <param name="connection">A read connection; to check beside a writer, begin a read transaction on it first.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <param name="progress">Told how many rows have been checked, every few thousand rows.</param>
    /// <remarks>
    /// Rows are read in chunks; while this thread reads the next chunk, another core recomputes the current chunk's
    /// leaf hashes. The checks themselves run here, row by row in append order, so the first problem is the one
    /// reported, and a row that cannot be read or hashed fails the check at its turn, as it would alone.
    /// </remarks>
    public static AuditVerification Verify(SqliteConnection connection, CancellationToken cancellationToken, Action<long>? progress = null)
    {
        List<(long Size, byte[] Root)> checkpoints = Checkpoints(connection);
        long kept = checkpoints.Count == 0 ? 0 : checkpoints[^1].Size;
        var frontier = new MerkleFrontier();
        int nextCheckpoint = 0;
        byte[]? previous = null;

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query;
        using SqliteDataReader reader = command.ExecuteReader();
        List<VerifiedRow> current = ReadChunk(reader, cancellationToken);
        while (current.Count > 0)
        {
            List<VerifiedRow> rows = current;
            Task hashing = Task.Run(() => HashLeaves(rows), CancellationToken.None);
            bool stopped = rows[^1].ReadFailure is not null;
            current = stopped ? [] : ReadChunk(reader, cancellationToken);
            hashing.GetAwaiter().GetResult();
            foreach (VerifiedRow row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long index = frontier.Size;
                if (RowProblem(row, index, kept, previous) is { } problem)
                {
                    return new AuditVerification(false, index, index, problem);
                }

                frontier.AppendLeaf(row.Leaf!);
                previous = row.Leaf;
                if (progress is not null && frontier.Size % ProgressEvery == 0)
                {
                    progress(frontier.Size);
                }

                while (nextCheckpoint < checkpoints.Count && checkpoints[nextCheckpoint].Size == frontier.Size)
                {
                    if (!frontier.Root().AsSpan().SequenceEqual(checkpoints[nextCheckpoint].Root))
                    {
                        return new AuditVerification(false, frontier.Size, null, $"the checkpoint of size {frontier.Size} does not match the log");
                    }

                    nextCheckpoint++;
                }
            }
        }

        return frontier.Size < kept
            ? new AuditVerification(false, frontier.Size, frontier.Size, $"the log ends at {frontier.Size} events but a checkpoint covers {kept}: rows were deleted")
            : new AuditVerification(true, frontier.Size, null, null);
    }

    /// <summary>Reads up to <see cref="Chunk"/> rows; stops after a row whose record cannot be read (it fails at its turn).</summary>
    private static List<VerifiedRow> ReadChunk(SqliteDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<VerifiedRow>(Chunk);
        while (rows.Count < Chunk && reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new VerifiedRow
            {
                Seq = reader.GetInt64(0),
                Hash = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1),
                PreviousHash = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2),
                Salt = reader.IsDBNull(SaltColumn) ? null : reader.GetFieldValue<byte[]>(SaltColumn),
            };
            rows.Add(row);
            try
            {
                row.Stored = Stored(reader, RecordReader.Read(reader, offset: 3), row.Salt);
            }
            catch (Exception ex)
            {
                row.ReadFailure = ExceptionDispatchInfo.Capture(ex);
                break;
            }
        }

        return rows;
    }

    /// <summary>The row as the leaf needs it: with an erasure's subject hash, or a scrubbed row's commitments.</summary>
    private static StoredEvent Stored(SqliteDataReader reader, ConsentRecord record, byte[]? salt)
    {
        string? Text(int column) => reader.IsDBNull(SaltColumn + column) ? null : reader.GetString(SaltColumn + column);
        bool scrubbed = reader.GetInt64(SaltColumn + 2) != 0;
        return new StoredEvent(record, null, salt)
        {
            SubjectHash = Text(1),
            Scrubbed = scrubbed ? new Commitments(Text(3), Text(4), Text(5)) : null,
        };
    }

    /// <summary>Whether the row holds what its leaf is computed from: its salt, or, scrubbed or an erasure, no salt at all.</summary>
    private static bool CanHash(StoredEvent stored) =>
        stored.Salt is not null || stored.Scrubbed is not null || stored.Record.Kind == EventKind.Erasure;

    private static void HashLeaves(List<VerifiedRow> rows)
    {
        foreach (VerifiedRow row in rows)
        {
            if (row is { Stored: { } stored, Hash: not null } && CanHash(stored))
            {
                try
                {
                    row.Leaf = EventLeaf.Hash(stored);
                }
                catch (Exception ex)
                {
                    row.HashFailure = ExceptionDispatchInfo.Capture(ex);
                }
            }
        }
    }

    private static string? RowProblem(VerifiedRow row, long index, long kept, byte[]? previous)
    {
        if (row.Seq != index + 1)
        {
            return $"the row at leaf {index} is missing (the next row has seq {row.Seq}): rows were deleted";
        }

        if (index >= kept)
        {
            return $"the row at leaf {index} is beyond the last checkpoint ({kept} events): a row was inserted";
        }

        row.ReadFailure?.Throw();
        if (row.Hash is null || !CanHash(row.Stored!))
        {
            return $"the row at leaf {index} has no leaf hash or salt";
        }

        row.HashFailure?.Throw();
        if (!row.Leaf.AsSpan().SequenceEqual(row.Hash))
        {
            return $"the row at leaf {index} does not match its leaf hash: a field was edited";
        }

        bool linked = previous is null ? row.PreviousHash is null : row.PreviousHash is not null && previous.AsSpan().SequenceEqual(row.PreviousHash);
        return linked ? null : $"the row at leaf {index} does not follow the row before it: rows were moved";
    }

    private static List<(long Size, byte[] Root)> Checkpoints(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT size, root FROM checkpoints ORDER BY size";
        using SqliteDataReader reader = command.ExecuteReader();
        var checkpoints = new List<(long, byte[])>();
        while (reader.Read())
        {
            checkpoints.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return checkpoints;
    }
}

/// <summary>One row of the log as the verifier reads it, with its recomputed leaf hash.</summary>
internal sealed class VerifiedRow
{
    public long Seq { get; init; }

    public byte[]? Hash { get; init; }

    public byte[]? PreviousHash { get; init; }

    public byte[]? Salt { get; init; }

    public StoredEvent? Stored { get; set; }

    public byte[]? Leaf { get; set; }

    /// <summary>Why the record could not be read; thrown when the row's turn comes.</summary>
    public ExceptionDispatchInfo? ReadFailure { get; set; }

    /// <summary>Why the leaf could not be computed; thrown when the row's turn comes.</summary>
    public ExceptionDispatchInfo? HashFailure { get; set; }
}
