using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Audit;

/// <summary>
/// Schema version 3's step in code: builds the audit log over the events a store held before it had one. Every event
/// has just been given a random salt (the statements of the migration); here each gets its leaf hash and the chain
/// link, in append order, and the complete subtrees and one checkpoint are stored. Runs in the migration's transaction.
/// </summary>
internal static class StoreLogMigration
{
    private const int Chunk = 4096;

    public static void BuildLog(SqliteConnection connection)
    {
        long count = Sql.ScalarInt64(connection, "SELECT count(*) FROM events");
        long last = Sql.ScalarInt64(connection, "SELECT coalesce(max(seq), 0) FROM events");
        if (last != count)
        {
            throw new CpmStoreException($"The events table has gaps ({count} rows up to seq {last}); it cannot become an audit log.");
        }

        var frontier = new MerkleFrontier();
        byte[]? previous = null;
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET hash = $hash, prev_hash = $prev WHERE seq = $seq";
        SqliteParameter hash = update.Parameters.Add("$hash", SqliteType.Blob);
        SqliteParameter prev = update.Parameters.Add("$prev", SqliteType.Blob);
        SqliteParameter seq = update.Parameters.Add("$seq", SqliteType.Integer);
        using SqliteCommand node = connection.CreateCommand();
        node.CommandText = "INSERT INTO merkle_nodes(level, idx, hash) VALUES ($level, $idx, $hash)";
        SqliteParameter level = node.Parameters.Add("$level", SqliteType.Integer);
        SqliteParameter index = node.Parameters.Add("$idx", SqliteType.Integer);
        SqliteParameter nodeHash = node.Parameters.Add("$hash", SqliteType.Blob);

        for (long start = 0; start < count; start += Chunk)
        {
            foreach (StoredEvent stored in ReadChunk(connection, start))
            {
                byte[] leaf = stored.LeafHash;
                (hash.Value, prev.Value, seq.Value) = (leaf, (object?)previous ?? DBNull.Value, frontier.Size + 1);
                update.ExecuteNonQuery();
                foreach ((int l, long i, byte[] h) in frontier.Append(leaf))
                {
                    if (l >= StoreLog.StoredLevel)
                    {
                        (level.Value, index.Value, nodeHash.Value) = (l, i, h);
                        node.ExecuteNonQuery();
                    }
                }

                previous = leaf;
            }
        }

        if (frontier.Size > 0)
        {
            using SqliteCommand checkpoint = connection.CreateCommand();
            // Dated by the last commit it covers: the log held exactly these events from then on.
            checkpoint.CommandText = "INSERT INTO checkpoints(size, root, created_at) VALUES ($size, $root, (SELECT max(recorded_at) FROM events))";
            checkpoint.Parameters.AddWithValue("$size", frontier.Size);
            checkpoint.Parameters.AddWithValue("$root", frontier.Root());
            checkpoint.ExecuteNonQuery();
        }
    }

    /// <summary>Reads one chunk fully before any of it is updated: no statement reads a table while another writes it.</summary>
    private static List<StoredEvent> ReadChunk(SqliteConnection connection, long start)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = $"SELECT {RecordReader.StoredColumnsBeforeSeparate} FROM events WHERE seq > $start AND seq <= $end ORDER BY seq";
        read.Parameters.AddWithValue("$start", start);
        read.Parameters.AddWithValue("$end", start + Chunk);
        using SqliteDataReader reader = read.ExecuteReader();
        var chunk = new List<StoredEvent>(Chunk);
        while (reader.Read())
        {
            chunk.Add(RecordReader.ReadStored(reader));
        }

        return chunk;
    }
}
