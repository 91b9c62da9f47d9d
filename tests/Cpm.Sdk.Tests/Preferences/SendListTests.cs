using Cpm.Sdk.Gate;
using Cpm.Sdk.Preferences;

namespace Cpm.Sdk.Tests.Preferences;

/// <summary>
/// One person's sends: the first held inline, the rest in a growing array. Whatever mix of adds, removals and pruning,
/// the list holds exactly the sends a plain list would, in the same order, and counts them the same way.
/// </summary>
public sealed class SendListTests
{
    private static readonly int Today = new DateOnly(2026, 12, 2).DayNumber;   // a Wednesday
    private static readonly int[] Marketing = [1];

    [Fact]
    public void Sends_are_kept_in_order_across_the_inline_slot_and_the_growing_array()
    {
        var sends = new SendList();
        List<Reservation> expected = [.. Enumerable.Range(0, 37).Select(i => Send(Today - (i % 3)))];

        foreach (Reservation send in expected)
        {
            sends.Add(send);
        }

        Items(sends).Should().Equal(expected);
        sends.CountIn(new CapScope(1, 10, new FrequencyCap(99, FrequencyPeriod.Day)), Today).Should().Be(13);
        sends.CountIn(new CapScope(1, 10, new FrequencyCap(99, FrequencyPeriod.Week)), Today).Should().Be(37);
        sends.CountIn(new CapScope(1, 11, new FrequencyCap(99, FrequencyPeriod.Week)), Today).Should().Be(0, "another channel");
    }

    [Fact]
    public void Removing_the_first_a_middle_and_the_last_send_keeps_the_others_in_order()
    {
        var sends = new SendList();
        List<Reservation> expected = [.. Enumerable.Range(0, 6).Select(_ => Send(Today))];
        expected.ForEach(s => sends.Add(s));

        foreach (int at in new[] { 0, 2, 3, 0 })
        {
            sends.RemoveAt(at);
            expected.RemoveAt(at);
            Items(sends).Should().Equal(expected);
        }

        sends.IndexOf(expected[1].Id).Should().Be(1);
        sends.IndexOf(Guid.CreateVersion7()).Should().Be(-1);
        sends.RemoveAt(1);
        sends.RemoveAt(0);
        sends.Count.Should().Be(0);
        sends.IndexOf(expected[0].Id).Should().Be(-1, "a removed send is gone, the inline one included");
        Reservation again = Send(Today);
        sends.Add(again);
        Items(sends).Should().Equal(again);
    }

    [Theory]
    [InlineData(new[] { true })]
    [InlineData(new[] { false })]
    [InlineData(new[] { false, true, false, true, true })]
    [InlineData(new[] { true, false, false, false, true, false, false })]
    [InlineData(new[] { false, false, false })]
    public void Pruning_keeps_the_sends_of_current_periods_in_order(bool[] current)
    {
        var sends = new SendList();
        List<Reservation> all = [.. current.Select(c => Send(c ? Today : Today - 40))];
        all.ForEach(s => sends.Add(s));

        sends.Prune(Today);

        Items(sends).Should().Equal(all.Where(s => s.Day == Today));
        Reservation later = Send(Today);
        sends.Add(later);
        Items(sends).Should().Equal([.. all.Where(s => s.Day == Today), later]);
    }

    private static Reservation Send(int day) => new(Guid.CreateVersion7(), day, Marketing, 10);

    private static List<Reservation> Items(SendList sends) => [.. Enumerable.Range(0, sends.Count).Select(i => sends[i])];
}
