using Cpm.Sdk.Audit;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// The store's events form an RFC 6962 Merkle log: an untouched store verifies, and every kind of edit to the file —
/// by raw SQL or with the sqlite3 program — is found with its leaf index.
/// </summary>
public sealed class StoreAuditTests
{
    private const int Events = 40;

    [Fact]
    public async Task An_untouched_store_verifies_and_its_checkpoint_is_the_root_of_its_leaves()
    {
        using var temp = new TempStore();
        List<ConsentRecord> records = await FillAsync(temp);
        await using CpmClient cpm = await temp.OpenAsync();

        AuditVerification verification = await cpm.VerifyAuditAsync();
        AuditCheckpoint checkpoint = await cpm.GetCheckpointAsync();

        verification.Should().Be(new AuditVerification(true, Events, null, null));
        checkpoint.Origin.Should().Be(cpm.InstanceId);
        checkpoint.Size.Should().Be(Events);
        var file = new AuditStoreFile(temp.DatabasePath);
        file.Scalar("SELECT count(*) FROM checkpoints").Should().BeGreaterThan(0);
        checkpoint.Text.Should().Be($"{cpm.InstanceId}\n{Events}\n{Convert.ToBase64String(checkpoint.RootHash)}\n");
        records.Should().HaveCount(Events);
    }

    public static TheoryData<string, string, long> Tampering => new()
    {
        { "edit a choice", "UPDATE events SET choice = 2 WHERE seq = 8", 7 },
        { "edit a user id", "UPDATE events SET user_id = 'someone-else' WHERE seq = 13", 12 },
        { "edit a time", "UPDATE events SET occurred_at = occurred_at - 60000 WHERE seq = 21", 20 },
        { "edit the evidence", "UPDATE events SET evidence = '{\"ip\":\"198.51.100.1\"}' WHERE seq = 30", 29 },
        { "delete a row", "DELETE FROM events WHERE seq = 17", 16 },
        { "delete the last row", $"DELETE FROM events WHERE seq = {Events}", Events - 1 },
        { "swap two rows", "UPDATE events SET seq = CASE seq WHEN 5 THEN -9 WHEN 9 THEN -5 END WHERE seq IN (5, 9); UPDATE events SET seq = -seq WHERE seq < 0", 4 },
        { "insert a row", $"INSERT INTO events(id, user_id, purpose, channel, choice, policy_version, source, occurred_at, recorded_at, origin, salt, hash, prev_hash) SELECT randomblob(16), user_id, purpose, channel, 0, 1, source, occurred_at, recorded_at, origin, salt, hash, hash FROM events WHERE seq = {Events}", Events },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampering_by_raw_sql_is_found_with_its_index(string what, string sql, long index)
    {
        using var temp = new TempStore();
        await FillAsync(temp);
        new AuditStoreFile(temp.DatabasePath).Sql(sql);

        await using CpmClient cpm = await temp.OpenAsync();
        AuditVerification verification = await cpm.VerifyAuditAsync();

        verification.IsIntact.Should().BeFalse(what);
        verification.FirstBadIndex.Should().Be(index, what);
        verification.Problem.Should().NotBeNullOrEmpty().And.NotContain("user-", "problems name indexes, not people");
    }

    [Fact]
    public async Task Tampering_with_the_sqlite3_program_is_found_with_its_index()
    {
        using var temp = new TempStore();
        await FillAsync(temp);
        new AuditStoreFile(temp.DatabasePath).Sqlite3("UPDATE events SET choice = 0 WHERE seq = 26;");

        await using CpmClient cpm = await temp.OpenAsync();
        AuditVerification verification = await cpm.VerifyAuditAsync();

        verification.Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == 25 && v.Checked == 25);
    }

    [Fact]
    public async Task A_rewritten_checkpoint_is_found()
    {
        using var temp = new TempStore();
        await FillAsync(temp);
        new AuditStoreFile(temp.DatabasePath).Sql("UPDATE checkpoints SET root = randomblob(32) WHERE size = (SELECT min(size) FROM checkpoints)");

        await using CpmClient cpm = await temp.OpenAsync();
        AuditVerification verification = await cpm.VerifyAuditAsync();

        verification.IsIntact.Should().BeFalse();
        verification.FirstBadIndex.Should().BeNull();
        verification.Problem.Should().Contain("checkpoint");
    }

    [Fact]
    public async Task The_log_continues_across_reopens_and_served_proofs_verify_against_every_kept_checkpoint()
    {
        using var temp = new TempStore();
        List<ConsentRecord> records = await FillAsync(temp);
        await using (CpmClient reopened = await temp.OpenAsync())
        {
            for (int i = 0; i < 25; i++)
            {
                records.Add(await reopened.RecordAsync(new ConsentCapture($"later-{i}", "marketing", "email", ConsentChoice.Withdrawn)));
            }

            (await reopened.VerifyAuditAsync()).IsIntact.Should().BeTrue();
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={temp.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        AuditCheckpoint latest = StoreLog.LatestCheckpoint(connection, "store");
        latest.Size.Should().Be(records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            StoreInclusion inclusion = StoreLog.Inclusion(connection, records[i].Id, latest.Size)!;
            inclusion.Index.Should().Be(i, "leaves are in append order");
            MerkleLog.HashLeaf(inclusion.LeafBytes).Should().Equal(inclusion.LeafHash);
            MerkleLog.VerifyInclusion(inclusion.Index, latest.Size, inclusion.LeafHash, inclusion.Proof, latest.RootHash).Should().BeTrue();
        }

        StoreLog.Inclusion(connection, Guid.CreateVersion7(), latest.Size).Should().BeNull();
        StoreLog.Inclusion(connection, records[^1].Id, latest.Size - 1).Should().BeNull("the event is not in the smaller log");
    }

    /// <summary>Records <see cref="Events"/> captures in a few batches, closes the store, and returns them in append order.</summary>
    private static async Task<List<ConsentRecord>> FillAsync(TempStore temp)
    {
        var records = new List<ConsentRecord>(Events);
        await using CpmClient cpm = await temp.OpenAsync();
        for (int i = 0; i < Events; i++)
        {
            records.Add(await cpm.RecordAsync(new ConsentCapture($"user-{i % 7}", i % 2 == 0 ? "marketing" : "analytics", "sms", (ConsentChoice)(i % 3))
            {
                Evidence = new Dictionary<string, string> { ["ip"] = $"203.0.113.{i}", ["表单"] = "注册" },
                Jurisdiction = i % 4 == 0 ? "PIPL" : null,
            }));
        }

        return records;
    }
}
