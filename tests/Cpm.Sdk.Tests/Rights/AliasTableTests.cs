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
    public void Erasing_the_person_of_a_loaded_alias_is_the_only_change_and_the_alias_resolves_to_no_one()
    {
        var builder = new AliasTable.Builder(2);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        Add(writer, "phone:+1555", "ana", T0, Guid.CreateVersion7());
        Add(writer, "phone:+1666", "bo", T0, Guid.CreateVersion7());
        writer.Finish();
        var index = new AliasIndex(null, builder.Build());

        index.Remove("phone:+1555");

        index.Resolve("phone:+1555").Should().BeNull("the first change after open is the erasure");
        index.Get("phone:+1555").Should().BeNull();
        index.Resolve("phone:+1666").Should().Be("bo");
        index.Count.Should().Be(1);
    }

    [Fact]
    public void An_empty_table_finds_nothing()
    {
        AliasTable table = new AliasTable.Builder(0).Build();

        table.Count.Should().Be(0);
        table.TryResolve("phone:+1555", out string? user).Should().BeFalse();
        user.Should().BeNull();
        table.Get("phone:+1555").Should().BeNull();
    }

    [Fact]
    public void The_event_that_decides_each_alias_is_kept_for_the_writer()
    {
        var builder = new AliasTable.Builder(2);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        Guid linked = Guid.CreateVersion7();
        Guid unlinked = Guid.CreateVersion7();
        Add(writer, "phone:+1555", "ana", T0 + 7, linked);
        Add(writer, "phone:+1666", null, T0 - 7, unlinked);
        writer.Finish();
        AliasTable table = builder.Build();

        table.Get("phone:+1555").Should().Be(new AliasTarget("ana", T0 + 7, linked));
        table.Get("phone:+1666").Should().Be(new AliasTarget(null, T0 - 7, unlinked));
        table.TryResolve("phone:+1666", out string? user).Should().BeTrue("an unlinked alias is held");
        user.Should().BeNull();
    }

    [Fact]
    public void A_corrupt_row_is_refused_and_the_longest_alias_is_not()
    {
        var builder = new AliasTable.Builder(2);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        byte[] id = Guid.CreateVersion7().ToByteArray(bigEndian: true);
        byte[] longest = Encoding.UTF8.GetBytes("k:" + new string('字', 318));   // 956 bytes: 2 + 318 x 3

        writer.Invoking(w => w.Add(new byte[(AliasNormalizer.MaxLength * 3) + 1], "ana", T0, id)).Should().Throw<CpmStoreException>();
        writer.Invoking(w => w.Add(Encoding.UTF8.GetBytes("phone:+1"), "ana", T0, id[..15])).Should().Throw<CpmStoreException>();
        writer.Invoking(w => w.Add(Encoding.UTF8.GetBytes("phone:+1"), "ana", T0, [.. id, 0])).Should().Throw<CpmStoreException>();
        writer.Add(new byte[AliasNormalizer.MaxLength * 3], "bo", T0, id);
        writer.Add(longest, "cy", T0, id);
        writer.Finish();

        AliasTable table = builder.Build();
        table.Count.Should().Be(2);
        table.TryResolve("k:" + new string('字', 318), out string? user).Should().BeTrue();
        user.Should().Be("cy");
        table.Get("k:" + new string('字', 318))!.UserId.Should().Be("cy");
    }

    [Fact]
    public void A_table_sized_for_no_alias_refuses_one()
    {
        var builder = new AliasTable.Builder(0);
        AliasTable.Builder.Writer writer = builder.NewWriter();

        writer.Invoking(w => Add(w, "phone:+1", "ana", T0, Guid.CreateVersion7())).Should().Throw<CpmStoreException>();
    }

    [Fact]
    public void Long_aliases_filling_hundreds_of_chunks_worth_of_bytes_all_resolve()
    {
        // 20,000 records of 939 bytes (300 CJK characters each): 19 MB, more than 255 chunks of the first size (64 KiB) would hold.
        const int count = 20_000;
        var builder = new AliasTable.Builder(count);
        AliasTable.Builder.Writer writer = builder.NewWriter();
        string padding = new('字', 300);
        for (int i = 0; i < count; i++)
        {
            Add(writer, $"openid:{i:D6}{padding}", $"user-{i}", T0, Guid.CreateVersion7());
        }

        writer.Finish();
        var index = new AliasIndex(null, builder.Build());

        index.Count.Should().Be(count);
        Enumerable.Range(0, count).Should().OnlyContain(i => index.Resolve($"openid:{i:D6}{padding}") == $"user-{i}");
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
