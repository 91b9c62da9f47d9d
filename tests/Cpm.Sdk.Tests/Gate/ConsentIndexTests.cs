using Cpm.Sdk.Gate;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>The index keeps one effective record per (purpose, channel) and replaces it only with a greater one.</summary>
public sealed class ConsentIndexTests
{
    [Fact]
    public void Each_purpose_and_channel_pair_keeps_its_own_record()
    {
        var symbols = new SymbolTable();
        IndexEntry marketingSms = Entry(symbols, "sms", ConsentChoice.Granted, T0);
        IndexEntry marketingEmail = Entry(symbols, "email", ConsentChoice.Withdrawn, T0.AddMinutes(1));
        IndexEntry analyticsSms = marketingSms with { Id = Guid.CreateVersion7(T0.AddMinutes(2)), Purpose = symbols.Intern("analytics"), OccurredAtMs = T0.AddMinutes(2).ToUnixTimeMilliseconds() };

        IndexEntry[]? state = Fold([marketingSms, marketingEmail, analyticsSms]);

        state.Should().BeEquivalentTo([marketingSms, marketingEmail, analyticsSms]);
    }

    [Fact]
    public void A_greater_record_replaces_the_one_at_its_key_and_a_lesser_or_equal_one_changes_nothing()
    {
        var symbols = new SymbolTable();
        IndexEntry grant = Entry(symbols, "sms", ConsentChoice.Granted, T0);
        IndexEntry older = Entry(symbols, "sms", ConsentChoice.Withdrawn, T0.AddMinutes(-1));
        IndexEntry newer = Entry(symbols, "sms", ConsentChoice.Withdrawn, T0.AddMinutes(1));
        IndexEntry[] current = [grant];

        ConsentIndex.Apply(current, grant).Should().BeNull("the same record again is no change");
        ConsentIndex.Apply(current, older).Should().BeNull();
        IndexEntry[]? replaced = ConsentIndex.Apply(current, newer);

        replaced.Should().Equal(newer);
        current.Should().Equal([grant], "arrays are copied on write, never changed in place");
    }

    [Fact]
    public void Set_and_get_publish_a_users_array()
    {
        var symbols = new SymbolTable();
        var index = new ConsentIndex(capacity: 4);
        IndexEntry[] entries = [Entry(symbols, "sms", ConsentChoice.Granted, T0)];

        index.Get("u1").Should().BeNull();
        index.Set("u1", entries);

        index.Get("u1").Should().BeSameAs(entries);
        index.UserCount.Should().Be(1);
    }
}
