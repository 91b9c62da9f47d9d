using BenchmarkDotNet.Attributes;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: the inclusion proof of one record in a 1,000,000-event log in at most 5 ms. Per record, cycling
/// through 1,024 records spread over the whole log of the evidence store (<see cref="EvidenceStore"/>). Baseline in
/// the same run: the record's row found by id on an open read-only connection. <c>Inclusion</c> is the store's proof
/// on the same connection (the row, its leaf bytes, and the proof's subtrees: stored ones from <c>merkle_nodes</c>,
/// the smallest recomputed from at most 16 leaf hashes). <c>GetReceipt</c> is the public API: a read connection of
/// its own, the record, its effective record, the latest checkpoint, the proof checked with <c>MerkleLog</c>, and the
/// receipt built.
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class InclusionBenchmarks
{
    private const int Records = 1024;

    private string _path = "";
    private CpmClient _client = null!;
    private SqliteConnection _connection = null!;
    private SqliteCommand _lookup = null!;
    private Guid[] _ids = null!;
    private long _size;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        (_path, _) = EvidenceStore.Get();
        _client = CpmClient.OpenAsync(EvidenceStore.Options(_path)).GetAwaiter().GetResult();
        _size = _client.GetCheckpointAsync().GetAwaiter().GetResult().Size;
        _connection = AuditLogBenchmarks.OpenReadOnly(_path);
        _ids = SampleIds(_connection, _size);
        _lookup = _connection.CreateCommand();
        _lookup.CommandText = $"SELECT {RecordReader.Columns} FROM events WHERE id = $id";
        _lookup.Parameters.Add("$id", SqliteType.Blob);
        _lookup.Prepare();

        // Every proof the benchmark asks for verifies against the checkpoint, and the baseline finds every record.
        AuditCheckpoint checkpoint = StoreLog.LatestCheckpoint(_connection, "benchmark");
        foreach (Guid id in _ids)
        {
            StoreInclusion proof = StoreLog.Inclusion(_connection, id, _size) ?? throw new InvalidOperationException("No proof.");
            if (checkpoint.Size != _size || !MerkleLog.VerifyInclusion(proof.Index, _size, proof.LeafHash, proof.Proof, checkpoint.RootHash)
                || PointLookup().Id != id)
            {
                throw new InvalidOperationException("A proof does not verify, or the baseline found another record.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lookup.Dispose();
        _connection.Dispose();
        _client.Dispose();
    }

    /// <summary>The record's row by id, on an open connection with a prepared command.</summary>
    [Benchmark(Baseline = true)]
    public ConsentRecord PointLookup()
    {
        _lookup.Parameters[0].Value = NextId().ToByteArray(bigEndian: true);
        using SqliteDataReader reader = _lookup.ExecuteReader();
        return reader.Read() ? RecordReader.Read(reader) : throw new InvalidOperationException("Not found.");
    }

    /// <summary>The record's inclusion proof in the log of 1,000,000 events, on the same connection.</summary>
    [Benchmark]
    public int Inclusion() => StoreLog.Inclusion(_connection, NextId(), _size)?.Proof.Count ?? throw new InvalidOperationException("No proof.");

    /// <summary>The record's receipt through the public API, its store proof included and checked.</summary>
    [Benchmark]
    public Task<ConsentReceipt> GetReceipt() => _client.GetReceiptAsync(NextId());

    private Guid NextId()
    {
        Guid id = _ids[_next];
        _next = (_next + 1) % Records;
        return id;
    }

    /// <summary>1,024 records at evenly spaced leaf indexes over the whole log.</summary>
    private static Guid[] SampleIds(SqliteConnection connection, long size)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM events WHERE seq = $seq";
        SqliteParameter seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var ids = new Guid[Records];
        for (int i = 0; i < Records; i++)
        {
            seq.Value = 1 + 377 + (i * (size - 1000) / Records);
            using SqliteDataReader reader = command.ExecuteReader();
            ids[i] = reader.Read() ? Sql.BlobToId(reader, 0) : throw new InvalidOperationException("Missing row.");
        }

        return ids;
    }
}
