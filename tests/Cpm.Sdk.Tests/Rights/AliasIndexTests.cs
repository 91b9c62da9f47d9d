using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Tests.Rights;

/// <summary>An alias points to at most one user; the greatest of its link and unlink events decides, in any order.</summary>
public sealed class AliasIndexTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Resolve_finds_the_user_by_any_form_of_the_alias_and_null_for_unknown_unlinked_or_malformed()
    {
        var index = new AliasIndex();
        Apply(index, "phone:+8613800000000", new AliasTarget("user-42", T0, Guid.CreateVersion7()));
        Apply(index, "email:a@example.com", new AliasTarget(null, T0, Guid.CreateVersion7()));

        index.Resolve("phone:+86 138 0000 0000").Should().Be("user-42");
        index.Resolve("PHONE:0086-138-0000-0000").Should().Be("user-42");
        index.Resolve("phone:+8613900000000").Should().BeNull("unknown");
        index.Resolve("email:A@example.com").Should().BeNull("unlinked");
        index.Resolve("not an alias").Should().BeNull();
        index.Resolve("").Should().BeNull();
    }

    [Fact]
    public void A_later_link_moves_the_alias_an_older_one_arriving_late_does_not_and_an_unlink_wins_a_tie()
    {
        var index = new AliasIndex();
        Guid first = Guid.CreateVersion7();
        Apply(index, "phone:+1555", new AliasTarget("ana", T0, first));
        Apply(index, "phone:+1555", new AliasTarget("bo", T0 + 1000, Guid.CreateVersion7()));
        Apply(index, "phone:+1555", new AliasTarget("cy", T0 + 500, Guid.CreateVersion7()));

        index.Resolve("phone:+1555").Should().Be("bo");

        Apply(index, "phone:+1555", new AliasTarget(null, T0 + 1000, Guid.Empty));
        index.Resolve("phone:+1555").Should().BeNull("an unlink at the same instant ranks above the link, whatever its id");
    }

    [Fact]
    public void With_many_declared_kinds_only_those_resolve()
    {
        string[] kinds = ["phone", "email", "openid", "unionid", "qq", "weibo", "line", "kakao", "whatsapp"];
        var index = new AliasIndex(kinds);
        Apply(index, "whatsapp:+4915100000000", new AliasTarget("ana", T0, Guid.CreateVersion7()));
        Apply(index, "phone:+4915100000000", new AliasTarget("ana", T0, Guid.CreateVersion7()));
        Apply(index, "telegram:ana_k", new AliasTarget("ana", T0, Guid.CreateVersion7()));

        index.IsDeclared("whatsapp:+4915100000000").Should().BeTrue();
        index.IsDeclared("telegram:ana_k").Should().BeFalse();
        index.Resolve("WhatsApp: +4915100000000 ").Should().Be("ana");
        index.Resolve("phone:+4915100000000").Should().Be("ana");
        index.Resolve("telegram:ana_k").Should().BeNull("an alias of an undeclared kind resolves to no one");
    }

    [Fact]
    public void With_few_declared_kinds_only_those_resolve_and_without_a_list_every_kind_does()
    {
        var declared = new AliasIndex(["phone", "email"]);
        var open = new AliasIndex();
        foreach (AliasIndex index in new[] { declared, open })
        {
            Apply(index, "email:a@example.com", new AliasTarget("ana", T0, Guid.CreateVersion7()));
            Apply(index, "telegram:ana_k", new AliasTarget("ana", T0, Guid.CreateVersion7()));
        }

        declared.Resolve("email:a@example.com").Should().Be("ana");
        declared.Resolve("telegram:ana_k").Should().BeNull();
        declared.IsDeclared("phone:+1").Should().BeTrue();
        declared.IsDeclared("phones:+1").Should().BeFalse();
        open.Resolve("telegram:ana_k").Should().Be("ana");
    }

    [Fact]
    public void The_same_event_arriving_twice_does_not_beat_itself()
    {
        var target = new AliasTarget("ana", T0, Guid.CreateVersion7());

        AliasIndex.Beats(target, target).Should().BeFalse();
        AliasIndex.Beats(target, null).Should().BeTrue("a first event always decides");
        AliasIndex.Beats(target with { EventId = new Guid("ffffffff-ffff-7fff-bfff-ffffffffffff") }, target).Should().BeTrue("on a tie in time and kind the greater id wins");
    }

    [Fact]
    public void Removing_an_alias_linked_after_open_forgets_it_and_it_can_be_linked_again()
    {
        var index = new AliasIndex();
        index.Set("phone:+1555", new AliasTarget("ana", T0, Guid.CreateVersion7()));
        index.Count.Should().Be(1);

        index.Remove("phone:+1555");
        index.Remove("phone:+1666");

        index.Resolve("phone:+1555").Should().BeNull();
        index.Get("phone:+1555").Should().BeNull();
        index.Count.Should().Be(0, "removing an alias nobody holds changes nothing");
        index.Set("phone:+1555", new AliasTarget("bo", T0 + 1, Guid.CreateVersion7()));
        index.Resolve("phone:+1555").Should().Be("bo");
        index.Count.Should().Be(1);
    }

    [Fact]
    public void Resolve_allocates_nothing()
    {
        var index = new AliasIndex();
        Apply(index, "phone:+8613800000000", new AliasTarget("user-42", T0, Guid.CreateVersion7()));
        index.Resolve("phone:+86 138 0000 0000");

        long before = GC.GetAllocatedBytesForCurrentThread();
        string? user = index.Resolve("phone:+86 138 0000 0000");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        user.Should().Be("user-42");
        allocated.Should().Be(0);
    }

    private static void Apply(AliasIndex index, string alias, AliasTarget target)
    {
        string normalized = AliasNormalizer.Normalize(alias)!;
        if (AliasIndex.Beats(target, index.Get(normalized)))
        {
            index.Set(normalized, target);
        }
    }
}
