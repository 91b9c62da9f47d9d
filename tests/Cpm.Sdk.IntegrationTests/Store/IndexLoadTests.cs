using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>The gate index read as two key ranges on two connections is the index read in one pass.</summary>
public sealed class IndexLoadTests
{
    private static readonly string[] Channels = ["sms", "email", "*"];

    [Fact]
    public async Task Loading_in_two_ranges_gives_every_user_exactly_the_entries_of_a_single_pass()
    {
        using var store = new TempStore();
        var rng = new Random(5);
        string[] users =
        [
            .. Enumerable.Range(0, 150).Select(i => $"user-{i:D4}"),
            .. Enumerable.Range(0, 50).Select(i => $"用户-{i}"),
            .. Enumerable.Range(0, 50).Select(i => $"🍪{i}"),
            "a", "a ", "A", "z", "~", "ÿ", "\u00e9", "e\u0301",
        ];
        await using (CpmClient cpm = await store.OpenAsync())
        {
            foreach (string user in users)
            {
                for (int k = 0; k < 1 + rng.Next(3); k++)
                {
                    await cpm.RecordAsync(new ConsentCapture(user, "marketing", Channels[rng.Next(Channels.Length)], (ConsentChoice)rng.Next(3)));
                }
            }
        }

        var symbols = new SymbolTable();
        ConsentIndex split = IndexLoader.Load(store.DatabasePath, symbols, parallelFromPages: 0);
        ConsentIndex single;
        using (var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            single = IndexLoader.Load(connection, symbols);
        }

        split.UserCount.Should().Be(users.Length);
        single.UserCount.Should().Be(users.Length);
        foreach (string user in users)
        {
            split.Get(user).Should().Equal(single.Get(user), user);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("900000")]
    public async Task A_client_leaves_the_number_of_users_for_the_next_open_and_a_wrong_or_missing_one_still_loads_everyone(string? remembered)
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            for (int i = 0; i < 300; i++)
            {
                await cpm.RecordAsync(new ConsentCapture($"user-{i:D4}", "marketing", i % 2 == 0 ? "sms" : "email", ConsentChoice.Granted));
            }
        }

        Remembered(store.DatabasePath).Should().Equal(["300"], "the client left the number of users it held when it closed");
        SetRemembered(store.DatabasePath, remembered);

        await using (CpmClient reopened = await store.OpenAsync())
        {
            for (int i = 0; i < 300; i++)
            {
                reopened.CanUse($"user-{i:D4}", "marketing", i % 2 == 0 ? "sms" : "email").Should().BeTrue();
            }
        }

        Remembered(store.DatabasePath).Should().Equal(["300"], "the client corrected the count when it closed");
    }

    private static List<string> Remembered(string path) =>
        StoreFile.Read(path, "SELECT value FROM meta WHERE key = 'index_users'", r => r.GetString(0));

    private static void SetRemembered(string path, string? users)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = users is null
            ? "DELETE FROM meta WHERE key = 'index_users'"
            : "UPDATE meta SET value = $users WHERE key = 'index_users'";
        command.Parameters.AddWithValue("$users", (object?)users ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
