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
}
