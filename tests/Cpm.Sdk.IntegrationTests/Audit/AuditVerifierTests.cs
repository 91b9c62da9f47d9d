using System.Text.Json;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// What the verifier finds beyond the edits of <see cref="StoreAuditTests"/>: a row stripped of its leaf hash or salt,
/// a broken chain link, edits past the first chunk of rows it reads, a row it cannot read, and the rows an erasure
/// scrubbed, which still verify and are still protected.
/// </summary>
public sealed class AuditVerifierTests
{
    public static TheoryData<string, string, long, string> Damage => new()
    {
        { "a row without its leaf hash", "UPDATE events SET hash = NULL WHERE seq = 11", 10, "no leaf hash or salt" },
        { "a row without its salt", "UPDATE events SET salt = NULL WHERE seq = 12", 11, "no leaf hash or salt" },
        { "a chain link edited", "UPDATE events SET prev_hash = randomblob(32) WHERE seq = 14", 13, "does not follow" },
        { "a chain link removed", "UPDATE events SET prev_hash = NULL WHERE seq = 15", 14, "does not follow" },
        { "a link before the first row", "UPDATE events SET prev_hash = hash WHERE seq = 1", 0, "does not follow" },
        { "a leaf hash replaced", "UPDATE events SET hash = randomblob(32) WHERE seq = 3", 2, "does not match its leaf hash" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task Damage_to_one_row_is_found_at_its_index(string what, string sql, long index, string problem)
    {
        using var temp = new TempStore();
        await FillAsync(temp, 30);
        new AuditStoreFile(temp.DatabasePath).Sql(sql);

        await using CpmClient cpm = await temp.OpenAsync();
        AuditVerification verification = await cpm.VerifyAuditAsync();

        verification.Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == index && v.Checked == index, what);
        verification.Problem.Should().Contain($"leaf {index} ").And.Contain(problem, what);
    }

    [Fact]
    public async Task Edits_far_into_a_long_log_are_found_at_their_index_and_the_first_one_is_reported()
    {
        using var temp = new TempStore();
        await FillAsync(temp, 700);
        var file = new AuditStoreFile(temp.DatabasePath);

        await using (CpmClient intact = await temp.OpenAsync())
        {
            (await intact.VerifyAuditAsync()).Should().Be(new AuditVerification(true, 700, null, null));
        }

        file.Sql("UPDATE events SET choice = (choice + 1) % 3 WHERE seq = 600");
        await using (CpmClient once = await temp.OpenAsync())
        {
            (await once.VerifyAuditAsync()).Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == 599);
        }

        file.Sql("UPDATE events SET source = 'edited' WHERE seq = 257; UPDATE events SET source = 'edited' WHERE seq = 258");
        await using CpmClient twice = await temp.OpenAsync();
        (await twice.VerifyAuditAsync()).Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == 256, "the first edit in append order is the one reported");
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_fails_the_check_at_its_turn_unless_an_earlier_row_failed_first()
    {
        using var temp = new TempStore();
        await FillAsync(temp, 400);
        var file = new AuditStoreFile(temp.DatabasePath);
        file.Sql("UPDATE events SET evidence = 'not json' WHERE seq = 300");

        await using (CpmClient unreadable = await temp.OpenAsync())
        {
            await unreadable.Invoking(c => c.VerifyAuditAsync()).Should().ThrowAsync<JsonException>("a row that cannot be read is not intact, and says why");
        }

        file.Sql("UPDATE events SET choice = (choice + 1) % 3 WHERE seq = 280");
        await using (CpmClient earlier = await temp.OpenAsync())
        {
            (await earlier.VerifyAuditAsync()).Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == 279);
        }

        file.Sql("UPDATE events SET choice = (choice + 1) % 3 WHERE seq = 20");
        await using CpmClient first = await temp.OpenAsync();
        (await first.VerifyAuditAsync()).Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == 19, "an edit in the chunk before is found first");
    }

    [Fact]
    public async Task The_scrubbed_rows_and_the_erasure_of_an_erased_person_verify_and_an_edit_to_any_of_them_is_found()
    {
        using var temp = new TempStore();
        await FillAsync(temp, 12);
        await using (CpmClient cpm = await temp.OpenAsync(configure: o => o.AliasKinds.Add("phone")))
        {
            await cpm.LinkAsync("user-3", "phone:+8613800000003");
            await cpm.EraseAsync("user-3");
            (await cpm.VerifyAuditAsync()).Should().Be(new AuditVerification(true, 14, null, null));
        }

        var file = new AuditStoreFile(temp.DatabasePath);
        file.Scalar("SELECT count(*) FROM events WHERE scrubbed = 1 AND salt IS NULL").Should().BeGreaterThan(1, "the erased person's rows keep only their commitments");
        long firstScrubbed = file.Scalar("SELECT min(seq) FROM events WHERE scrubbed = 1");
        long erasure = file.Scalar("SELECT seq FROM events WHERE kind = 'erasure'");

        foreach ((string column, string sql) in new[]
        {
            ("subject_commitment", $"UPDATE events SET subject_commitment = 'AAAA' || substr(subject_commitment, 5) WHERE seq = {firstScrubbed}"),
            ("subject_hash", $"UPDATE events SET subject_hash = 'AAAA' || substr(subject_hash, 5) WHERE seq = {erasure}"),
        })
        {
            using var copy = new TempStore();
            File.Copy(temp.DatabasePath, copy.DatabasePath);
            new AuditStoreFile(copy.DatabasePath).Sql(sql);
            await using CpmClient edited = await copy.OpenAsync(configure: o => o.AliasKinds.Add("phone"));
            long seq = column == "subject_hash" ? erasure : firstScrubbed;
            (await edited.VerifyAuditAsync()).Should().Match<AuditVerification>(v => !v.IsIntact && v.FirstBadIndex == seq - 1, column);
        }
    }

    [Fact]
    public async Task A_long_check_reports_its_progress_every_4096_rows()
    {
        using var temp = new TempStore();
        await FillAsync(temp, 9000);

        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(temp.DatabasePath);
        var progress = new List<EvidenceProgress>();
        reader.Progress += (_, p) => progress.Add(p);
        AuditVerification verification = await reader.VerifyAuditAsync();

        verification.Should().Be(new AuditVerification(true, 9000, null, null));
        progress.Select(p => p.Records).Should().Equal(4096, 8192, 9000);
    }

    /// <summary>Records <paramref name="count"/> captures with evidence, in one session, and closes the store.</summary>
    private static async Task FillAsync(TempStore temp, int count)
    {
        await using CpmClient cpm = await temp.OpenAsync();
        for (int i = 0; i < count; i += 100)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(100, count - i)).Select(n => cpm.RecordAsync(
                new ConsentCapture($"user-{n % 7}", n % 2 == 0 ? "marketing" : "analytics", "sms", (ConsentChoice)(n % 3))
                {
                    Evidence = new Dictionary<string, string> { ["ip"] = $"203.0.113.{n % 250}" },
                }).AsTask()));
        }
    }
}
