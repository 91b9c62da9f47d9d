using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Evidence;

/// <summary>
/// <see cref="CpmEvidenceReader"/> reads a store file without a client: beside a live client without blocking it, on a
/// closed file without leaving a journal behind, and never migrating or changing what it reads.
/// </summary>
public sealed class EvidenceReaderTests
{
    [Fact]
    public async Task Beside_a_live_client_it_reads_what_was_committed_and_the_client_keeps_writing()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync();
        for (int i = 0; i < 30; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"u{i}", "marketing", "sms", ConsentChoice.Granted));
        }

        await using CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(store.DatabasePath);
        var progress = new List<EvidenceProgress>();
        reader.Progress += (_, p) => progress.Add(p);
        AuditVerification first = await reader.VerifyAuditAsync();
        ConsentRecord later = await cpm.RecordAsync(new ConsentCapture("u-late", "marketing", "email", ConsentChoice.Denied));
        AuditVerification second = await reader.VerifyAuditAsync();

        first.Should().Be(new AuditVerification(true, 30, null, null));
        second.Checked.Should().Be(31, "each task reads a fresh snapshot");
        (await reader.GetCheckpointAsync()).Should().BeEquivalentTo(await cpm.GetCheckpointAsync());
        (await reader.GetReceiptAsync(later.Id)).RecordId.Should().Be(later.Id);
        reader.InstanceId.Should().Be(cpm.InstanceId);
        progress.Should().NotBeEmpty().And.Contain(p => p.Fraction == 1);
    }

    [Fact]
    public async Task On_a_closed_store_it_leaves_the_file_and_its_folder_exactly_as_they_were()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        }

        byte[] bytes = await File.ReadAllBytesAsync(store.DatabasePath);
        string[] files = Directory.GetFiles(store.Directory);

        await using (CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(store.DatabasePath))
        {
            (await reader.VerifyAuditAsync()).IsIntact.Should().BeTrue();
            await reader.ExportAsync(new ExportQuery(), Stream.Null, ExportFormat.Csv);
            await reader.GetReportAsync(new ReportQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)));
        }

        (await File.ReadAllBytesAsync(store.DatabasePath)).Should().Equal(bytes);
        Directory.GetFiles(store.Directory).Should().BeEquivalentTo(files, "no -wal, -shm or lock file appears");
    }

    [Fact]
    public async Task A_store_of_an_older_schema_is_refused_untouched_and_a_client_migrates_it()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        }

        using (var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand older = connection.CreateCommand();
            older.CommandText = "PRAGMA user_version = 2";
            older.ExecuteNonQuery();
        }

        byte[] bytes = await File.ReadAllBytesAsync(store.DatabasePath);

        CpmStoreException refused = (await FluentActions.Awaiting(() => CpmEvidenceReader.OpenAsync(store.DatabasePath))
            .Should().ThrowAsync<CpmStoreException>()).Which;

        refused.Message.Should().Contain("older than this SDK's").And.Contain("CpmClient.OpenAsync");
        (await File.ReadAllBytesAsync(store.DatabasePath)).Should().Equal(bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_path_is_refused_naming_the_parameter(string path)
    {
        (await FluentActions.Awaiting(() => CpmEvidenceReader.OpenAsync(path)).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("databasePath");
    }

    [Fact]
    public async Task Options_without_a_clock_are_refused_naming_them()
    {
        using var store = new TempStore();
        (await FluentActions.Awaiting(() => CpmEvidenceReader.OpenAsync(store.DatabasePath, new CpmOptions { TimeProvider = null! }))
            .Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("options");
        Directory.GetFiles(store.Directory).Should().BeEmpty();
    }
}
