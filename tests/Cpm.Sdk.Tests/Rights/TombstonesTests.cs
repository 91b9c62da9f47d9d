using System.Security.Cryptography;
using System.Text;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Rights;

namespace Cpm.Sdk.Tests.Rights;

public sealed class TombstonesTests
{
    [Theory]
    [InlineData("user-42")]
    [InlineData("用户-张伟")]
    [InlineData("sofia-🌻")]
    public void A_subject_key_is_the_sha256_of_the_id_as_the_wire_spells_it(string userId)
    {
        SubjectKey key = SubjectKey.Of(userId);

        key.ToBytes().Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
        key.ToString().Should().Be(WireFormat.SubjectHash(userId));
        SubjectKey.FromBase64(WireFormat.SubjectHash(userId)).Should().Be(key);
        SubjectKey.FromBytes(key.ToBytes()).Should().Be(key);
    }

    [Fact]
    public void A_long_id_hashes_the_same_way_as_a_short_one()
    {
        string id = new('字', 256);
        SubjectKey.Of(id).ToBytes().Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]   // 16 bytes, not 32
    public void Anything_but_a_sha256_in_base64_is_no_subject_hash(string? value) =>
        SubjectKey.FromBase64(value).Should().BeNull();

    [Fact]
    public void The_later_erasure_of_a_person_is_kept_whatever_order_they_arrive_in()
    {
        var tombstones = new Tombstones();
        tombstones.TryGet("ana", out _).Should().BeFalse("no one is erased yet");
        // The later erasure has the smaller id: time decides before the id does.
        var earlier = new Tombstone(new Guid("01a20815-a0c6-73bd-b055-00000000000f"), 1_000);
        var later = new Tombstone(new Guid("01a20815-a0c6-73bd-b055-000000000001"), 2_000);
        SubjectKey ana = SubjectKey.Of("ana");

        tombstones.Add(ana, later);
        tombstones.Add(ana, earlier);
        tombstones.TryGet("ana", out Tombstone kept).Should().BeTrue();
        kept.Should().Be(later);

        SubjectKey cy = SubjectKey.Of("cy");
        tombstones.Add(cy, earlier);
        tombstones.Add(cy, later);
        tombstones.TryGet(cy, out Tombstone moved).Should().BeTrue();
        moved.Should().Be(later, "a later erasure replaces an earlier one");

        var low = new Tombstone(new Guid("01a20815-a0c6-73bd-b055-000000000001"), 3_000);
        var high = new Tombstone(new Guid("01a20815-a0c6-73bd-b055-000000000002"), 3_000);
        SubjectKey dee = SubjectKey.Of("dee");
        tombstones.Add(dee, high);
        tombstones.Add(dee, low);
        tombstones.TryGet(dee, out Tombstone tie).Should().BeTrue();
        tie.Should().Be(high, "on a tie in time the greater event id is kept, whatever the order");
        tombstones.Add(dee, low);
        SubjectKey eve = SubjectKey.Of("eve");
        tombstones.Add(eve, low);
        tombstones.Add(eve, high);
        tombstones.TryGet(eve, out Tombstone tie2).Should().BeTrue();
        tie2.Should().Be(high);

        tombstones.Add(SubjectKey.Of("bo"), earlier);
        tombstones.Count.Should().Be(5);
        tombstones.TryGet("bo", out Tombstone bo).Should().BeTrue();
        bo.Should().Be(earlier);
        tombstones.TryGet("zed", out _).Should().BeFalse();
    }

    [Fact]
    public void Asking_about_someone_allocates_nothing()
    {
        var tombstones = new Tombstones();
        tombstones.Add(SubjectKey.Of("ana"), new Tombstone(Guid.CreateVersion7(), 1));
        tombstones.TryGet("bo", out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            tombstones.TryGet("ana", out _);
            tombstones.TryGet("bo", out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
