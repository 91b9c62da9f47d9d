using System.Security.Cryptography;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests;

/// <summary>Core rule 1: an unreadable store stops OpenAsync with a clear exception and is never reset or rewritten.</summary>
public sealed class StoreRefusalTests
{
    [Fact]
    public async Task Random_bytes_are_refused_untouched()
    {
        using var store = new TempStore();
        await File.WriteAllBytesAsync(store.DatabasePath, RandomNumberGenerator.GetBytes(64 * 1024));

        await AssertRefusedUntouched(store, "not a SQLite database");
    }

    [Fact]
    public async Task A_file_too_short_to_be_sqlite_is_refused_untouched()
    {
        using var store = new TempStore();
        await File.WriteAllTextAsync(store.DatabasePath, "hello");

        await AssertRefusedUntouched(store, "not a SQLite database");
    }

    [Fact]
    public async Task Another_applications_sqlite_database_is_refused_untouched()
    {
        using var store = new TempStore();
        Execute(store.DatabasePath, "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('keep me');");

        await AssertRefusedUntouched(store, "another application");
    }

    [Fact]
    public async Task A_database_stamped_by_another_application_id_is_refused_untouched()
    {
        using var store = new TempStore();
        Execute(store.DatabasePath, "PRAGMA application_id = 1234;");

        await AssertRefusedUntouched(store, "another application");
    }

    [Fact]
    public async Task A_store_from_a_newer_sdk_is_refused_untouched()
    {
        using var store = new TempStore();
        await (await store.OpenAsync()).DisposeAsync();
        Execute(store.DatabasePath, "PRAGMA user_version = 99;");

        await AssertRefusedUntouched(store, "newer than this SDK");
    }

    [Fact]
    public async Task A_store_with_a_damaged_page_is_refused_untouched()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            for (int i = 0; i < 400; i++)
            {
                await cpm.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted)
                {
                    Evidence = new Dictionary<string, string> { ["text"] = new string('e', 200) },
                });
            }
        }

        byte[] bytes = await File.ReadAllBytesAsync(store.DatabasePath);
        bytes.Length.Should().BeGreaterThan(16 * 4096, "the store must span many pages for this test");
        Array.Fill(bytes, (byte)0xA5, 8 * 4096, 4096);
        await File.WriteAllBytesAsync(store.DatabasePath, bytes);

        await AssertRefusedUntouched(store);
    }

    [Fact]
    public async Task An_empty_file_is_initialised_as_a_new_store()
    {
        using var store = new TempStore();
        await File.WriteAllBytesAsync(store.DatabasePath, []);

        await using CpmClient cpm = await store.OpenAsync();

        (await cpm.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted))).UserId.Should().Be("u1");
    }

    private static async Task AssertRefusedUntouched(TempStore store, string? reason = null)
    {
        byte[] before = await File.ReadAllBytesAsync(store.DatabasePath);
        string[] filesBefore = Directory.GetFiles(store.Directory);

        CpmStoreException refused = (await FluentActions.Awaiting(() => store.OpenAsync()).Should().ThrowAsync<CpmStoreException>()).Which;

        refused.Message.Should().Contain(store.DatabasePath).And.Contain("left untouched", "the message must say the file is safe");
        if (reason is not null)
        {
            refused.Message.Should().Contain(reason);
        }

        (await File.ReadAllBytesAsync(store.DatabasePath)).Should().Equal(before, "the file must be left exactly as it was");
        Directory.GetFiles(store.Directory).Should().BeEquivalentTo(filesBefore, "no journal or WAL may be created");
    }

    private static void Execute(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
