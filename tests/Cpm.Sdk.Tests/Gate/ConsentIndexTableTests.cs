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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(4_321)]
    public void An_index_holds_the_users_it_was_sized_for_without_growing_at_no_more_than_a_third_more_slots(int capacity)
    {
        var index = new ConsentIndex(capacity);
        int slots = index.SlotCount;
        for (int i = 0; i < capacity; i++)
        {
            index.Set(Id(i), [Entry(i)]);
        }

        index.SlotCount.Should().Be(slots, "the table has room for the users it was sized for");
        slots.Should().BeLessThanOrEqualTo(Math.Max(16, (capacity * 4 / 3) + 1), "the smallest table has 16 slots, a larger one is three quarters full at its capacity");
    }

    [Fact]
    public void A_table_fills_to_three_quarters_then_grows_to_room_for_twice_its_users()
    {
        var index = new ConsentIndex();
        index.SlotCount.Should().Be(16);
        for (int i = 0; i < 12; i++)
        {
            index.Set(Id(i), [Entry(i)]);
        }

        index.SlotCount.Should().Be(16, "twelve users fill three quarters of sixteen slots");
        index.Set(Id(12), [Entry(12)]);
        int grown = index.SlotCount;
        grown.Should().BeGreaterThan(16);
        for (int i = 13; i < 26; i++)
        {
            index.Set(Id(i), [Entry(i)]);
        }

        index.SlotCount.Should().Be(grown, "the thirteenth user made room for twice the users then held");
        int crowded = 0;
        for (int i = 26; i < 5_000; i++)
        {
            index.Set(Id(i), [Entry(i)]);
            if (index.SlotCount - index.UserCount < index.SlotCount / 4)
            {
                crowded++;
            }
        }

        crowded.Should().Be(0, "a quarter of the table stays free, so that probes stay short");
        Enumerable.Range(0, 5_000).Should().OnlyContain(i => index.Contains(Id(i)));
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
        int slots = index.SlotCount;
        for (int i = 0; i < 1_000; i++)
        {
            index.Set(Id(i), [Entry(i)]);
            index.Remove(Id(i));
        }

        index.Set("last", [Entry(7)]);

        index.UserCount.Should().Be(1);
        index.SlotCount.Should().Be(slots, "a table whose users come and go makes room by dropping the removed, not by growing");
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
        int slots = index.SlotCount;
        var lower = new ConsentIndex.Filler(index, maxChunkLength: 1_000);
        var upper = new ConsentIndex.Filler(index, maxChunkLength: 3);
        Parallel.Invoke(
            () => Fill(lower, 0, Users / 2),
            () => Fill(upper, Users / 2, Users));
        index.Complete(lower, upper);

        index.UserCount.Should().Be(Users);
        if (estimatedUsers < Users)
        {
            index.SlotCount.Should().BeLessThan(Users * 3 / 2, "a table sized too small grows once to fit the load, not to twice its users");
        }
        else
        {
            index.SlotCount.Should().Be(slots, "a table sized for the load keeps its size");
        }

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
    public void Fillers_that_publish_at_once_each_on_its_own_thread_into_a_table_too_small_for_them_lose_no_user()
    {
        const int Users = 10_000;
        var index = new ConsentIndex(Users / 4);
        ConsentIndex.Filler[] fillers = [new(index, maxChunkLength: 64), new(index, maxChunkLength: 64)];
        Parallel.For(0, fillers.Length, f =>
        {
            Fill(fillers[f], f * Users / 2, (f + 1) * Users / 2);
            fillers[f].Publish();
        });

        // As many users as the table takes one by one before it grows claim a slot; the others wait for Complete.
        var twin = new ConsentIndex(Users / 4);
        int room = 0;
        for (int slots = twin.SlotCount; twin.SlotCount == slots; room++)
        {
            twin.Set(Id(room), [Entry(room)]);
        }

        index.UserCount.Should().Be(room - 1);
        fillers.Sum(f => f.OverflowCount).Should().Be(Users - (room - 1));
        index.Complete(fillers);

        index.UserCount.Should().Be(Users);
        Enumerable.Range(0, Users).Where(i => index.Get(Id(i)) is not { } got || !got.AsSpan().SequenceEqual(EntriesOf(i)))
            .Should().BeEmpty("every user either claimed a slot or was placed once the table had grown");
    }

    [Fact]
    public void Fillers_publishing_into_a_table_sized_for_them_place_every_user_at_once()
    {
        const int Users = 1_000;
        var index = new ConsentIndex(Users);
        ConsentIndex.Filler[] fillers = [new(index), new(index)];
        Parallel.For(0, fillers.Length, f =>
        {
            Fill(fillers[f], f * Users / 2, (f + 1) * Users / 2);
            fillers[f].Publish();
        });

        index.UserCount.Should().Be(Users);
        fillers.Should().OnlyContain(f => f.OverflowCount == 0);
        index.Complete(fillers);
        index.UserCount.Should().Be(Users);
        Enumerable.Range(0, Users).Should().OnlyContain(i => index.Contains(Id(i)));
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
    public void Users_whose_probes_run_past_the_end_of_the_table_wrap_around_and_a_removed_one_hides_none_after_it()
    {
        var index = new ConsentIndex(); // the smallest table: 16 slots
        string[] ids = FirstProbedAt(slot: 15, slots: 16, count: 4);
        for (int k = 0; k < ids.Length; k++)
        {
            index.Set(ids[k], [Entry(k)]);
        }

        index.Remove(ids[1]);

        index.UserCount.Should().Be(3);
        index.Contains(ids[1]).Should().BeFalse();
        foreach (int k in new[] { 0, 2, 3 })
        {
            index.Get(ids[k]).Should().Equal([Entry(k)], "users placed after a removed one on the same probe are still found");
            index.SharedId(ids[k].AsSpan()).Should().BeSameAs(ids[k]);
        }

        index.Set(ids[1], [Entry(9)]);
        index.Set(ids[3], [Entry(8)]);
        index.UserCount.Should().Be(4);
        index.Get(ids[1]).Should().Equal([Entry(9)], "an erased user can come back");
        index.Get(ids[3]).Should().Equal([Entry(8)], "a user past the wrap is replaced, not added again");
        index.Get(ids[2]).Should().Equal([Entry(2)]);
    }

    [Fact]
    public void A_user_whose_id_is_a_dash_is_erased_and_comes_back_like_any_other()
    {
        var index = new ConsentIndex();
        index.Set(new string('-', 1), [Entry(1)]);

        index.Remove("-");

        index.UserCount.Should().Be(0);
        index.Contains("-").Should().BeFalse();
        index.SharedId("-".AsSpan()).Should().BeNull();

        index.Set("-", [Entry(2)]);
        index.UserCount.Should().Be(1);
        index.Get("-").Should().Equal([Entry(2)]);
        index.SharedId("-".AsSpan()).Should().Be("-");
    }

    [Fact]
    public void An_erased_users_entries_are_let_go_not_kept_in_memory()
    {
        var index = new ConsentIndex();
        WeakReference entries = SetUnreferenced(index, "erased");
        index.Set("kept", [Entry(2)]);

        index.Remove("erased");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        entries.IsAlive.Should().BeFalse("an erased person's records do not stay in the index");
        index.Get("kept").Should().Equal([Entry(2)]);
    }

    [Fact]
    public void Get_copies_a_loaded_users_entries_out_of_their_chunk_and_hands_out_an_array_of_their_own_as_it_is()
    {
        var index = new ConsentIndex(4);
        var filler = new ConsentIndex.Filler(index, maxChunkLength: 2);
        filler.Add("in-a-chunk", EntriesOf(1));
        filler.Add("too-many-for-a-chunk", EntriesOf(2));
        index.Complete(filler);

        IndexEntry[] chunked = index.Get("in-a-chunk")!;
        chunked.Should().Equal(EntriesOf(1));
        index.Get("in-a-chunk").Should().NotBeSameAs(chunked, "entries in a shared chunk are handed out as a copy");
        IndexEntry[] own = index.Get("too-many-for-a-chunk")!;
        own.Should().Equal(EntriesOf(2));
        index.Get("too-many-for-a-chunk").Should().BeSameAs(own, "an array of the user's own is handed out without copying");
    }

    [Fact]
    public void A_load_larger_than_a_chunk_can_address_keeps_every_users_entries_and_a_user_beyond_the_chunk_limit_gets_their_own()
    {
        const int Users = 50_000; // three entries each: more than two chunks of the largest size
        var index = new ConsentIndex(Users);
        var filler = new ConsentIndex.Filler(index, maxChunkLength: int.MaxValue, expectedUsers: Users);
        IndexEntry[] first = new IndexEntry[1_000]; // more than the first chunk's 64, fewer than the limit: a chunk made to fit
        Fill(first, -2);
        filler.Add("first", first);
        IndexEntry[] three = new IndexEntry[3];
        for (int i = 0; i < Users; i++)
        {
            Fill(three, i);
            filler.Add(Id(i), three);
        }

        IndexEntry[] huge = new IndexEntry[70_000]; // more than a chunk holds, whatever the filler was told
        Fill(huge, -1);
        filler.Add("huge", huge);
        index.Complete(filler);

        int wrong = 0;
        for (int i = 0; i < Users; i++)
        {
            if (!index.TryGet(Id(i), out ReadOnlySpan<IndexEntry> entries) || entries.Length != 3 || !Consistent(entries, i))
            {
                wrong++;
            }
        }

        wrong.Should().Be(0);
        index.TryGet("huge", out ReadOnlySpan<IndexEntry> all).Should().BeTrue();
        all.Length.Should().Be(huge.Length);
        Consistent(all, -1).Should().BeTrue();
        index.Get("first").Should().HaveCount(first.Length).And.OnlyContain(e => e.PolicyVersion == -2);
        index.UserCount.Should().Be(Users + 2);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        FluentActions.Invoking(() => new ConsentIndex(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ConsentIndex(int.MaxValue)).Should().Throw<OverflowException>("no table has room for that many users");
        FluentActions.Invoking(() => new ConsentIndex().Set("u", null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ConsentIndex.Filler(new ConsentIndex(), maxChunkLength: 0)).Should().Throw<ArgumentOutOfRangeException>();
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

    /// <summary>Sets <paramref name="userId"/>'s entries in an array nothing else refers to, and returns a weak reference to it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference SetUnreferenced(ConsentIndex index, string userId)
    {
        IndexEntry[] entries = [Entry(1)];
        index.Set(userId, entries);
        return new WeakReference(entries);
    }

    /// <summary>Fills <paramref name="entries"/> with <paramref name="user"/>'s versions 0, 1, 2...</summary>
    private static void Fill(IndexEntry[] entries, int user)
    {
        for (int v = 0; v < entries.Length; v++)
        {
            entries[v] = Entry(user, v);
        }
    }

    /// <summary>Ids that a table of <paramref name="slots"/> slots first probes at <paramref name="slot"/> (the hash scaled to the table, as the index does).</summary>
    private static string[] FirstProbedAt(int slot, int slots, int count) =>
        [.. Enumerable.Range(0, int.MaxValue).Select(n => $"probe-{n}")
            .Where(id => (int)(((ulong)(uint)id.GetHashCode() * (ulong)slots) >> 32) == slot)
            .Take(count)];

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
