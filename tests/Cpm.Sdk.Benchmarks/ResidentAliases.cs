using System.Globalization;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// The resident store's identities: every person has a phone number and an email address linked to them, each by a
/// <c>link</c> event (appended to <c>events</c> after the consent events, with its leaf in the audit log) and the
/// <c>aliases</c> row it decides; and every person has their <c>subjects</c> row (the hash of their id). Written
/// straight into the tables, in the generator's transaction, as the SDK's writer would have left them.
/// </summary>
internal static class ResidentAliases
{
    /// <summary>The alias kinds the resident store's options declare.</summary>
    public static string[] Kinds { get; } = ["phone", "email"];

    /// <summary>
    /// Resident <paramref name="i"/>'s phone number as an alias, in its normalised form (as E.164 numbers are kept). The
    /// numbers are a permutation of the residents, so the alias order of the table is not the user order.
    /// </summary>
    public static string Phone(int i) => string.Create(CultureInfo.InvariantCulture, $"phone:+86138{((i * 48_271L) + 12_345) % 100_000_000:D8}");

    /// <summary>Resident <paramref name="i"/>'s email address as an alias (another permutation).</summary>
    public static string Email(int i) => string.Create(CultureInfo.InvariantCulture, $"email:p{((i * 69_621L) + 777) % 100_000_000:D8}@example.com");

    /// <summary>Appends two <c>link</c> events per resident and their <c>aliases</c> rows; then each resident's <c>subjects</c> row.</summary>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, int users, Random random, long now)
    {
        using SqliteCommand insertEvent = connection.CreateCommand();
        insertEvent.Transaction = transaction;
        insertEvent.CommandText = """
            INSERT INTO events(id, user_id, purpose, channel, choice, policy_version, source, occurred_at,
                               recorded_at, origin, salt, kind, alias)
            VALUES ($id, $user, '', '', 0, 0, 'api', $occurred, $occurred, 'benchmark-seed', randomblob(16), 'link', $alias)
            """;
        using SqliteCommand insertAlias = connection.CreateCommand();
        insertAlias.Transaction = transaction;
        insertAlias.CommandText = "INSERT INTO aliases(alias, user_id, linked, event_id, occurred_at) VALUES ($alias, $user, 1, $id, $occurred)";
        foreach (SqliteCommand command in new[] { insertEvent, insertAlias })
        {
            foreach (string name in new[] { "$id", "$user", "$occurred", "$alias" })
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
        }

        for (int i = 0; i < users; i++)
        {
            foreach (string alias in new[] { Phone(i), Email(i) })
            {
                long occurred = now - random.NextInt64(24L * 60 * 60 * 1000, 365L * 24 * 60 * 60 * 1000);
                object[] values = [Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(occurred)).ToByteArray(bigEndian: true), BenchmarkStore.UserId(i), occurred, alias];
                foreach (SqliteCommand command in new[] { insertEvent, insertAlias })
                {
                    for (int p = 0; p < values.Length; p++)
                    {
                        command.Parameters[p].Value = values[p];
                    }

                    command.ExecuteNonQuery();
                }
            }
        }

        Schema.BuildSubjects(connection);
    }

    /// <summary>
    /// Extends the audit log that <see cref="StoreLogMigration.BuildLog"/> built over the consent events with the events
    /// appended after them: each read back as the SDK reads it, hashed, chained, its completed subtrees stored, then one
    /// checkpoint, so the whole log verifies.
    /// </summary>
    public static void AppendToLog(SqliteConnection connection)
    {
        long logged = Sql.ScalarInt64(connection, "SELECT size FROM checkpoints ORDER BY size DESC LIMIT 1");
        long last = Sql.ScalarInt64(connection, "SELECT max(seq) FROM events");
        MerkleFrontier frontier = StoreLog.RestoreFrontier(connection, logged);
        byte[] previous = StoreLog.LeafHashes(connection, logged - 1, 1)[0];
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
        for (long start = logged; start < last; start += 4096)
        {
            foreach (StoredEvent stored in ReadChunk(connection, start, Math.Min(start + 4096, last)))
            {
                byte[] leaf = stored.LeafHash;
                (hash.Value, prev.Value, seq.Value) = (leaf, previous, frontier.Size + 1);
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

        using SqliteCommand checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "INSERT INTO checkpoints(size, root, created_at) VALUES ($size, $root, (SELECT max(recorded_at) FROM events))";
        checkpoint.Parameters.AddWithValue("$size", frontier.Size);
        checkpoint.Parameters.AddWithValue("$root", frontier.Root());
        checkpoint.ExecuteNonQuery();
    }

    private static List<StoredEvent> ReadChunk(SqliteConnection connection, long start, long end)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = $"SELECT {RecordReader.StoredColumns} FROM events WHERE seq > $start AND seq <= $end ORDER BY seq";
        read.Parameters.AddWithValue("$start", start);
        read.Parameters.AddWithValue("$end", end);
        using SqliteDataReader reader = read.ExecuteReader();
        var chunk = new List<StoredEvent>(4096);
        while (reader.Read())
        {
            chunk.Add(RecordReader.ReadStored(reader));
        }

        return chunk;
    }
}
