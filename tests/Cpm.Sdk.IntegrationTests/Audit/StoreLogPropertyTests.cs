using Cpm.Sdk.Audit;
using Cpm.Sdk.Testing.Shared;
using CsCheck;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// Proofs the store serves, as properties: a log grown to 2,000 events in batches of random size (so it keeps many
/// checkpoints) answers every inclusion and consistency question with a proof that verifies, and any flipped bit fails.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class StoreLogPropertyTests
{
    [Fact]
    public async Task Every_served_proof_verifies_and_a_flipped_bit_never_does()
    {
        using var temp = new TempStore();
        var ids = new List<Guid>();
        var random = new Random(20261201);
        await using (CpmClient cpm = await temp.OpenAsync())
        {
            while (ids.Count < 2000)
            {
                int batch = Math.Min(random.Next(1, 90), 2000 - ids.Count);
                int start = ids.Count;
                ConsentRecord[] records = await Task.WhenAll(Enumerable.Range(start, batch).Select(i =>
                    cpm.RecordAsync(new ConsentCapture($"u{i % 97}", "marketing", "*", (ConsentChoice)(i % 3))).AsTask()));
                ids.AddRange(records.Select(r => r.Id));
            }

            (await cpm.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        // One connection answers every sample, so the samples run on one thread: a SqliteConnection is not thread-safe.
        using var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        List<(long Size, byte[] Root)> checkpoints = Checkpoints(connection);
        List<Guid> appendOrder = AppendOrder(connection);
        appendOrder.Should().BeEquivalentTo(ids, "every acknowledged capture is a leaf");
        checkpoints.Should().HaveCountGreaterThan(20).And.Contain(c => c.Size == 2000);
        byte[] Subtree(int level, long index) => StoreLog.Subtree(connection, level, index);

        Gen.Int[0, checkpoints.Count - 1].SelectMany(c => Gen.Int[0, (int)checkpoints[c].Size - 1].Select(leaf => (c, leaf)))
            .Sample(t =>
            {
                (long size, byte[] root) = checkpoints[t.c];
                Guid id = appendOrder[t.leaf];
                StoreInclusion inclusion = StoreLog.Inclusion(connection, id, size)!;
                return inclusion.Index == t.leaf
                    && MerkleLog.VerifyInclusion(inclusion.Index, size, inclusion.LeafHash, inclusion.Proof, root)
                    && (inclusion.Proof.Count == 0 || !MerkleLog.VerifyInclusion(inclusion.Index, size, inclusion.LeafHash, Flip(inclusion.Proof, t.leaf), root))
                    && !MerkleLog.VerifyInclusion(inclusion.Index, size, inclusion.LeafHash, inclusion.Proof, FlipOne(root, t.leaf));
            }, iter: 400, threads: 1);

        Gen.Int[0, checkpoints.Count - 1].SelectMany(a => Gen.Int[a, checkpoints.Count - 1].Select(b => (a, b)))
            .Sample(t =>
            {
                (long size1, byte[] root1) = checkpoints[t.a];
                (long size2, byte[] root2) = checkpoints[t.b];
                IReadOnlyList<byte[]> proof = MerkleLog.ConsistencyProof(size1, size2, Subtree);
                return MerkleLog.VerifyConsistency(size1, size2, root1, root2, proof)
                    && (proof.Count == 0 || !MerkleLog.VerifyConsistency(size1, size2, root1, root2, Flip(proof, t.b)))
                    && (size1 == size2 || !MerkleLog.VerifyConsistency(size1, size2, FlipOne(root1, t.a), root2, proof));
            }, iter: 300, threads: 1);
    }

    private static List<(long, byte[])> Checkpoints(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT size, root FROM checkpoints ORDER BY size";
        using SqliteDataReader reader = command.ExecuteReader();
        var list = new List<(long, byte[])>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return list;
    }

    private static List<Guid> AppendOrder(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM events ORDER BY seq";
        using SqliteDataReader reader = command.ExecuteReader();
        var list = new List<Guid>();
        while (reader.Read())
        {
            list.Add(new Guid(reader.GetFieldValue<byte[]>(0), bigEndian: true));
        }

        return list;
    }

    private static List<byte[]> Flip(IReadOnlyList<byte[]> proof, int seed)
    {
        var copy = proof.Select(p => (byte[])p.Clone()).ToList();
        copy[seed % copy.Count] = FlipOne(copy[seed % copy.Count], seed);
        return copy;
    }

    private static byte[] FlipOne(byte[] hash, int seed)
    {
        byte[] copy = (byte[])hash.Clone();
        copy[(seed / 8) % copy.Length] ^= (byte)(1 << (seed % 8));
        return copy;
    }
}
