using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Issue target: <c>VerifyAuditAsync</c> over 1,000,000 events in at most 10 s. Baseline in the same run: the
/// verifier's query with every row read into the same record, hash, chain link and salt, and nothing checked: the
/// floor of any verification. <c>ScanAndHashLeaves</c> adds the leaf hashing (canonical JSON, commitments, SHA-256),
/// so the rest of <c>VerifyAudit</c> is the Merkle frontier and the checkpoint comparisons. Reads the evidence store
/// (<see cref="EvidenceStore"/>: 1,000,000 events written through <c>RecordAsync</c>, so its log is the SDK's own).
/// </summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a subclass.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class AuditLogBenchmarks
{
    private const string Query = $"SELECT seq, hash, prev_hash, {RecordReader.StoredColumns} FROM events ORDER BY seq";

    private string _path = "";
    private CpmClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_path, _) = EvidenceStore.Get();
        _client = CpmClient.OpenAsync(EvidenceStore.Options(_path)).GetAwaiter().GetResult();
        long rows = ScanEvents();
        if (rows != EvidenceStore.Events || _client.GetCheckpointAsync().GetAwaiter().GetResult().Size != rows)
        {
            throw new InvalidOperationException($"The evidence store holds {rows} events, not {EvidenceStore.Events}, or its log does not cover them.");
        }
    }

    [GlobalSetup(Target = nameof(VerifyAudit))]
    public void SetupVerify()
    {
        Setup();
        AuditVerification result = VerifyAudit().GetAwaiter().GetResult();
        if (!result.IsIntact || result.Checked != EvidenceStore.Events)
        {
            throw new InvalidOperationException($"The evidence store does not verify: {result}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    /// <summary>Every row read into its record, leaf hash, previous hash and salt, in append order; nothing checked.</summary>
    [Benchmark(Baseline = true)]
    public long ScanEvents() => Scan(hashLeaves: false);

    /// <summary>The scan plus each row's leaf hash recomputed from its fields and salt.</summary>
    [Benchmark]
    public long ScanAndHashLeaves() => Scan(hashLeaves: true);

    /// <summary>The whole verification: every row, the chain, the rebuilt log against every checkpoint.</summary>
    [Benchmark]
    public Task<AuditVerification> VerifyAudit() => _client.VerifyAuditAsync();

    private long Scan(bool hashLeaves)
    {
        using SqliteConnection connection = OpenReadOnly(_path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = Query;
        using SqliteDataReader reader = command.ExecuteReader();
        long rows = 0;
        long checksum = 0;
        while (reader.Read())
        {
            byte[] hash = reader.GetFieldValue<byte[]>(1);
            byte[]? previous = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
            ConsentRecord record = RecordReader.Read(reader, offset: 3);
            byte[] salt = reader.GetFieldValue<byte[]>(16);
            byte[] leaf = hashLeaves ? EventLeaf.Hash(record, salt) : hash;
            checksum += leaf[0] + (previous?[0] ?? 0) + reader.GetInt64(0);
            rows++;
        }

        return checksum == 0 ? 0 : rows;
    }

    internal static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
