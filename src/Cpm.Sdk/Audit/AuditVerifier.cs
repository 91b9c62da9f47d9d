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

    /// <summary>Rows checked between two calls of the progress callback.</summary>
    private const int ProgressEvery = 4096;

    /// <param name="connection">A read connection; to check beside a writer, begin a read transaction on it first.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <param name="progress">Told how many rows have been checked, every few thousand rows.</param>
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
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            long index = frontier.Size;
            if (RowProblem(reader, index, kept, previous, out byte[]? leaf) is { } problem)
            {
                return new AuditVerification(false, index, index, problem);
            }

            frontier.AppendLeaf(leaf!);
            previous = leaf;
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

        return frontier.Size < kept
            ? new AuditVerification(false, frontier.Size, frontier.Size, $"the log ends at {frontier.Size} events but a checkpoint covers {kept}: rows were deleted")
            : new AuditVerification(true, frontier.Size, null, null);
    }

    private static string? RowProblem(SqliteDataReader reader, long index, long kept, byte[]? previous, out byte[]? leaf)
    {
        leaf = null;
        if (reader.GetInt64(0) != index + 1)
        {
            return $"the row at leaf {index} is missing (the next row has seq {reader.GetInt64(0)}): rows were deleted";
        }

        if (index >= kept)
        {
            return $"the row at leaf {index} is beyond the last checkpoint ({kept} events): a row was inserted";
        }

        if (reader.IsDBNull(1) || reader.IsDBNull(16))
        {
            return $"the row at leaf {index} has no leaf hash or salt";
        }

        leaf = EventLeaf.Hash(RecordReader.Read(reader, offset: 3), reader.GetFieldValue<byte[]>(16));
        if (!leaf.AsSpan().SequenceEqual(reader.GetFieldValue<byte[]>(1)))
        {
            return $"the row at leaf {index} does not match its leaf hash: a field was edited";
        }

        bool linked = previous is null ? reader.IsDBNull(2) : !reader.IsDBNull(2) && previous.AsSpan().SequenceEqual(reader.GetFieldValue<byte[]>(2));
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
