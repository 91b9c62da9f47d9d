using System.Text;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Tests.Rights;

/// <summary>
/// The aliases a store held at open live in a compact table; what the writer changes afterwards must win over it, and
/// a lookup must find every alias (whatever its bytes), miss every other, and allocate nothing.
/// </summary>
public sealed class AliasTableTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Every_loaded_alias_resolves_to_its_person_unlinked_ones_to_no_one_and_others_are_unknown()
    {
        const int count = 20_000;
        var builder = new AliasTable.Builder(count + 2);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        for (int i = 0; i < count; i++)
        {
            Add(writer, $"phone:+86138{i:D8}", $"user-{i}", T0 + i, Guid.CreateVersion7());
        }

        Guid unlinkId = Guid.CreateVersion7();
        Add(writer, "email:gone@example.com", null, T0, unlinkId);
        Add(writer, "wechat:o微信-Ab", "user-cjk", T0, Guid.CreateVersion7());
        writer.Finish();
        var index = new AliasIndex(["phone", "email", "wechat"], builder.Build());

        index.Count.Should().Be(count + 2);
        Enumerable.Range(0, count).Should().OnlyContain(i => index.Resolve($"phone:+86 138{i:D8}") == $"user-{i}");
        index.Resolve("phone:+8613900000000").Should().BeNull("unknown");
        index.Resolve("email:gone@example.com").Should().BeNull("unlinked");
        index.Get("email:gone@example.com").Should().Be(new AliasTarget(null, T0, unlinkId), "an unlinked alias still orders later events");
        index.Resolve("WECHAT: o微信-Ab ").Should().Be("user-cjk");
        index.Resolve("wechat:o微信-ab").Should().BeNull("other kinds are case-sensitive");
    }

    [Fact]
    public void A_change_after_open_wins_over_the_table_and_a_removal_hides_the_loaded_alias()
    {
        var builder = new AliasTable.Builder(2);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        Add(writer, "phone:+1555", "ana", T0, Guid.CreateVersion7());
        Add(writer, "email:a@example.com", "ana", T0, Guid.CreateVersion7());
        writer.Finish();
        var index = new AliasIndex(null, builder.Build());

        var moved = new AliasTarget("bo", T0 + 1000, Guid.CreateVersion7());
        AliasIndex.Beats(moved, index.Get("phone:+1555")).Should().BeTrue();
        index.Set("phone:+1555", moved);
        index.Remove("email:a@example.com");
        index.Set("phone:+1666", new AliasTarget("cy", T0, Guid.CreateVersion7()));

        index.Resolve("phone:+1555").Should().Be("bo");
        index.Get("phone:+1555").Should().Be(moved);
        index.Resolve("email:a@example.com").Should().BeNull();
        index.Get("email:a@example.com").Should().BeNull("an erased alias has no history left");
        index.Resolve("phone:+1666").Should().Be("cy");
        index.Count.Should().Be(2);

        index.Set("email:a@example.com", new AliasTarget("dee", T0 + 2000, Guid.CreateVersion7()));
        index.Resolve("email:a@example.com").Should().Be("dee", "a link after the erasure counts");
        index.Count.Should().Be(3);
    }

    [Fact]
    public void Resolve_over_the_table_and_the_changes_allocates_nothing()
    {
        var builder = new AliasTable.Builder(1);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        Add(writer, "phone:+8613800000000", "user-42", T0, Guid.CreateVersion7());
        writer.Finish();
        var index = new AliasIndex(["phone"], builder.Build());
        index.Set("phone:+8613800000001", new AliasTarget("user-43", T0, Guid.CreateVersion7()));
        index.Resolve("phone:+86 138 0000 0000");

        long before = GC.GetAllocatedBytesForCurrentThread();
        string? loaded = index.Resolve("phone:+86 138 0000 0000");
        string? changed = index.Resolve("phone:+86 138 0000 0001");
        string? unknown = index.Resolve("phone:+86 138 0000 0002");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        (loaded, changed, unknown).Should().Be(("user-42", "user-43", (string?)null));
        allocated.Should().Be(0);
    }

    [Fact]
    public void Two_writers_fill_one_table_and_every_alias_of_both_resolves()
    {
        const int count = 50_000;
        var builder = new AliasTable.Builder(2 * count);
        Parallel.For(0, 2, half =>
        {
            AliasTable.Builder.Writer writer = builder.NewWriter();
            for (int i = half * count; i < (half + 1) * count; i++)
            {
                writer.Add(Encoding.UTF8.GetBytes($"email:p{i}@example.com"), $"user-{i}", T0, Guid.CreateVersion7().ToByteArray(bigEndian: true));
            }

            writer.Finish();
        });
        var index = new AliasIndex(["email"], builder.Build());

        index.Count.Should().Be(2 * count);
        Enumerable.Range(0, 2 * count).Should().OnlyContain(i => index.Resolve($"email:P{i}@Example.com") == $"user-{i}");
    }

    [Fact]
    public void A_table_holding_more_rows_than_it_was_sized_for_is_refused()
    {
        var builder = new AliasTable.Builder(1);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        Add(writer, "phone:+1", "ana", T0, Guid.CreateVersion7());
        Add(writer, "phone:+2", "bo", T0, Guid.CreateVersion7());
        writer.Finish();

        Action build = () => builder.Build();

        build.Should().Throw<CpmStoreException>();
    }

    private static void Add(AliasTable.Builder.Writer writer, string alias, string? userId, long occurredAtMs, Guid eventId) =>
        writer.Add(Encoding.UTF8.GetBytes(alias), userId, occurredAtMs, eventId.ToByteArray(bigEndian: true));
}
