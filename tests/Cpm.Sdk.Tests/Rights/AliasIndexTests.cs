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
