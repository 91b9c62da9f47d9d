using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>
/// The index's table: users added one by one or loaded in chunks, found again, replaced, removed, through growth; and
/// readers on other threads that never see a half-published user.
/// </summary>
public sealed class ConsentIndexTableTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1_000)]
    public void Users_added_beyond_the_capacity_are_all_found_and_unknown_ids_are_not(int capacity)
    {
        var index = new ConsentIndex(capacity);
        const int Users = 5_000;
        for (int i = 0; i < Users; i++)
        {
            index.Set(Id(i), [Entry(i)]);
        }

        index.UserCount.Should().Be(Users);
        for (int i = 0; i < Users; i++)
        {
            index.TryGet(Id(i), out ReadOnlySpan<IndexEntry> entries).Should().BeTrue();
            entries.ToArray().Should().Equal(Entry(i));
            index.Contains(Id(i)).Should().BeTrue();
            index.SharedId(Id(i).AsSpan()).Should().Be(Id(i));
        }

        index.TryGet("stranger", out ReadOnlySpan<IndexEntry> none).Should().BeFalse();
        none.IsEmpty.Should().BeTrue();
        index.Get("stranger").Should().BeNull();
        index.Contains("stranger").Should().BeFalse();
        index.SharedId("stranger".AsSpan()).Should().BeNull();
    }

    [Fact]
    public void Set_replaces_a_users_entries_without_counting_them_twice()
    {
        var index = new ConsentIndex();
        IndexEntry[] first = [Entry(1)];
        IndexEntry[] second = [Entry(1), Entry(2)];
        index.Set("u", first);
        index.Set("u", second);

        index.UserCount.Should().Be(1);
        index.Get("u").Should().BeSameAs(second);
    }

    [Fact]
    public void A_removed_user_is_gone_their_id_is_not_kept_and_they_can_come_back()
    {
        var index = new ConsentIndex(4);
        string id = new('a', 5);
        index.Set(id, [Entry(1)]);
        index.Set("other", [Entry(2)]);

        index.Remove(id);
        index.Remove("never-there");

        index.UserCount.Should().Be(1);
        index.Contains(id).Should().BeFalse();
        index.Get(id).Should().BeNull();
        index.SharedId(id.AsSpan()).Should().BeNull("an erased person's id does not stay in the index");
        index.Get("other").Should().Equal(Entry(2));

        index.Set("aaaaa", [Entry(3)]);
        index.UserCount.Should().Be(2);
        index.Get(id).Should().Equal(Entry(3));
    }

    [Fact]
    public void Removed_slots_are_dropped_when_the_table_grows()
    {
        var index = new ConsentIndex(8);
        for (int i = 0; i < 1_000; i++)
        {
            index.Set(Id(i), [Entry(i)]);
            index.Remove(Id(i));
        }

        index.Set("last", [Entry(7)]);

        index.UserCount.Should().Be(1);
        index.Get("last").Should().Equal(Entry(7));
        Enumerable.Range(0, 1_000).Should().OnlyContain(i => !index.Contains(Id(i)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void Users_loaded_by_two_fillers_at_once_are_found_whatever_the_estimate_and_the_chunk_size(int estimatedUsers)
    {
        const int Users = 20_000;
        var index = new ConsentIndex(estimatedUsers);
        var lower = new ConsentIndex.Filler(index, maxChunkLength: 1_000);
        var upper = new ConsentIndex.Filler(index, maxChunkLength: 3);
        Parallel.Invoke(
            () => Fill(lower, 0, Users / 2),
            () => Fill(upper, Users / 2, Users));
        index.Complete(lower, upper);

        index.UserCount.Should().Be(Users);
        for (int i = 0; i < Users; i++)
        {
            index.TryGet(Id(i), out ReadOnlySpan<IndexEntry> entries).Should().BeTrue();
            entries.ToArray().Should().Equal(EntriesOf(i), "a user's entries are theirs, whether in a chunk or an array of their own");
            index.Get(Id(i)).Should().Equal(EntriesOf(i));
        }

        index.Set(Id(5), [Entry(-5)]);
        index.Get(Id(5)).Should().Equal([Entry(-5)], "a loaded user is replaced like any other");
        index.Get(Id(6)).Should().Equal(EntriesOf(6), "their neighbours in the chunk are not");
        index.Remove(Id(7));
        index.Contains(Id(7)).Should().BeFalse();
        index.UserCount.Should().Be(Users - 1);
    }

    [Fact]
    public async Task Readers_on_other_threads_see_each_user_whole_while_the_writer_replaces_and_adds_users_and_the_table_grows()
    {
        var index = new ConsentIndex(16);
        const int Residents = 64;
        for (int i = 0; i < Residents; i++)
        {
            index.Set(Id(i), [Entry(i, version: 0)]);
        }

        int writes = 0;
        int badReads = 0;
        using var done = new CancellationTokenSource();
        Task[] readers = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                for (int i = 0; i < Residents; i++)
                {
                    // Every version published for a resident has that resident's entries, one per version so far.
                    if (!index.TryGet(Id(i), out ReadOnlySpan<IndexEntry> entries) || entries.IsEmpty
                        || !Consistent(entries, i))
                    {
                        Interlocked.Increment(ref badReads);
                    }
                }
            }
        }))];

        for (int round = 1; round <= 200; round++)
        {
            for (int i = 0; i < Residents; i++)
            {
                index.Set(Id(i), [.. Enumerable.Range(0, 1 + (round % 5)).Select(v => Entry(i, v))]);
            }

            for (int n = 0; n < 50; n++)
            {
                index.Set($"newcomer-{round}-{n}", [Entry(round * 1_000 + n)]); // grows the table again and again
            }

            writes++;
        }

        done.Cancel();
        await Task.WhenAll(readers);
        writes.Should().Be(200);
        badReads.Should().Be(0, "a reader sees a user's old entries or new ones, never a torn or missing user");
        index.UserCount.Should().Be(Residents + (200 * 50));
    }

    [Fact]
    public void An_entry_takes_48_bytes()
    {
        // A million users hold three and a half million entries: eight bytes of padding more is 28 MB more.
        System.Runtime.CompilerServices.Unsafe.SizeOf<IndexEntry>().Should().Be(48);
    }

    private static bool Consistent(ReadOnlySpan<IndexEntry> entries, int user)
    {
        for (int v = 0; v < entries.Length; v++)
        {
            if (entries[v].PolicyVersion != user || entries[v].Channel != v)
            {
                return false;
            }
        }

        return true;
    }

    private static void Fill(ConsentIndex.Filler filler, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            filler.Add(Id(i), EntriesOf(i));
        }
    }

    /// <summary>User <paramref name="user"/>'s loaded entries: 1 to 5 of them, and 9 (more than a small chunk holds) for every 97th.</summary>
    private static IndexEntry[] EntriesOf(int user) =>
        [.. Enumerable.Range(0, user % 97 == 0 ? 9 : 1 + (user % 5)).Select(v => Entry(user, v))];

    private static string Id(int i) => $"user-{i:D6}";

    /// <summary>An entry that names its user (in the policy version) and its version (in the channel).</summary>
    private static IndexEntry Entry(int user, int version = 0) =>
        new(new Guid(user, (short)version, 7, new byte[8]), 1_700_000_000_000, IndexEntry.Never, 1, version, user, ConsentChoice.Granted);
}
