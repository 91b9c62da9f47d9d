using System.Text;
using CsCheck;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>
/// The key that splits the index load in two: wherever it falls, the ranges below it and from it cover every user id
/// exactly once, so a two-connection load sees the same users as a one-connection load.
/// </summary>
public sealed class UserKeysTests
{
    private static readonly Gen<byte[]> Key = Gen.OneOf(
        Gen.String.Select(s => Encoding.UTF8.GetBytes(s)),
        Gen.Int[0, 999_999].Select(i => Encoding.UTF8.GetBytes($"user-{i:D7}")),
        Gen.Byte.Array[0, 6]);

    [Fact]
    public void A_split_falls_strictly_above_the_lowest_key_and_at_most_at_the_highest()
    {
        Gen.Select(Key, Key).Sample((a, b) =>
        {
            (byte[] low, byte[] high) = a.AsSpan().SequenceCompareTo(b) <= 0 ? (a, b) : (b, a);
            // No split is always safe (one connection reads everything); a split must leave both ranges non-empty.
            return UserKeys.Midpoint(low, high) is not { } split
                || (split.AsSpan().SequenceCompareTo(low) > 0 && split.AsSpan().SequenceCompareTo(high) <= 0);
        });
    }

    [Fact]
    public void Evenly_spread_ids_split_near_the_middle()
    {
        byte[] split = UserKeys.Midpoint("user-0000000"u8.ToArray(), "user-0999999"u8.ToArray())!;

        Encoding.UTF8.GetString(split).Should().StartWith("user-04");
    }

    [Fact]
    public void Nothing_to_split_gives_no_split()
    {
        UserKeys.Midpoint(null, null).Should().BeNull("an empty table");
        UserKeys.Midpoint("u1"u8.ToArray(), "u1"u8.ToArray()).Should().BeNull("a single user");
    }

    [Fact]
    public void Current_makes_one_string_per_user_and_hands_back_the_finished_one()
    {
        var current = new UserKeys.Current();

        current.Advance("用户-1"u8).Should().BeNull("the first row starts the first user");
        current.Advance("用户-1"u8).Should().BeNull();
        current.Advance(Encoding.UTF8.GetBytes(new string('x', 300) + "🍪")).Should().Be("用户-1");
        current.Id.Should().Be(new string('x', 300) + "🍪");
    }
}
