using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>The aliases read at open, in one pass or as two key ranges on two connections, are the aliases the store holds.</summary>
public sealed class AliasLoadTests
{
    [Fact]
    public async Task Loading_in_two_ranges_or_one_pass_resolves_every_alias_as_the_client_did_and_shares_the_gate_index_ids()
    {
        using var store = new TempStore();
        var linked = new Dictionary<string, string?>();
        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            for (int i = 0; i < 120; i++)
            {
                string user = i % 3 == 0 ? $"用户-{i}" : $"user-{i:D4}";
                if (i % 4 != 0)
                {
                    await cpm.RecordAsync(new ConsentCapture(user, "marketing", "sms", ConsentChoice.Granted));   // others: aliases only
                }

                foreach (string alias in new[] { $"phone:+86138{i:D8}", $"email:p{i}@example.com", $"openid:oX{i}-ü" })
                {
                    await cpm.LinkAsync(user, alias);
                    linked[alias] = user;
                }

                if (i % 5 == 0)
                {
                    await cpm.UnlinkAsync($"email:p{i}@example.com");
                    linked[$"email:p{i}@example.com"] = null;
                }
            }
        }

        ConsentIndex users = IndexLoader.Load(store.DatabasePath, new SymbolTable());
        string[] kinds = ["phone", "email", "openid"];
        AliasIndex split = RightsLoader.Load(store.DatabasePath, users, kinds, parallelFromRows: 0).Aliases;
        AliasIndex single = RightsLoader.Load(store.DatabasePath, users, kinds, parallelFromRows: long.MaxValue).Aliases;

        split.Count.Should().Be(linked.Count);
        single.Count.Should().Be(linked.Count);
        foreach ((string alias, string? user) in linked)
        {
            split.Resolve(alias).Should().Be(user, alias);
            single.Resolve(alias).Should().Be(user, alias);
            split.Get(alias).Should().Be(single.Get(alias), alias);
            if (user is not null && users.Get(user) is not null)
            {
                split.Resolve(alias).Should().BeSameAs(users.SharedId(user), "the person's id is the gate index's own instance");
            }
        }

        split.Resolve("phone:+8613900000000").Should().BeNull();
    }
}
