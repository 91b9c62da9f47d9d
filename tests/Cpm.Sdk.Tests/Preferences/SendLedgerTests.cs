using Cpm.Sdk.Gate;
using Cpm.Sdk.Preferences;

namespace Cpm.Sdk.Tests.Preferences;

/// <summary>The in-memory counts: what a cap's scope counts, the periods, and memory bounded by people with current sends.</summary>
public sealed class SendLedgerTests
{
    private const int Marketing = 1;
    private const int Promotions = 2;
    private const int News = 3;
    private const int Sms = 10;
    private const int Email = 11;
    private static readonly int Today = new DateOnly(2026, 12, 2).DayNumber;   // a Wednesday
    private static readonly int[] MarketingLineage = [Marketing];
    private static readonly int[] PromotionsLineage = [Promotions, Marketing];
    private static readonly int[] NewsLineage = [News, Marketing];

    [Fact]
    public void A_scope_counts_the_sends_of_its_purpose_and_topics_on_its_channel_in_the_current_period()
    {
        var ledger = new SendLedger();
        Reserve(ledger, "alice", PromotionsLineage, Sms, Today);
        Reserve(ledger, "alice", NewsLineage, Sms, Today);
        Reserve(ledger, "alice", MarketingLineage, Email, Today);
        Reserve(ledger, "alice", PromotionsLineage, Sms, Today - 1);   // Tuesday
        Reserve(ledger, "alice", PromotionsLineage, Sms, Today - 7);   // 25 November: the week and the month before
        Reserve(ledger, "bob", PromotionsLineage, Sms, Today);

        ledger.Count("alice", new CapScope(Marketing, Sms, new FrequencyCap(9, FrequencyPeriod.Day)), Today).Should().Be(2);
        ledger.Count("alice", new CapScope(Marketing, SymbolTable.AllChannels, new FrequencyCap(9, FrequencyPeriod.Day)), Today).Should().Be(3);
        ledger.Count("alice", new CapScope(Promotions, Sms, new FrequencyCap(9, FrequencyPeriod.Day)), Today).Should().Be(1);
        ledger.Count("alice", new CapScope(Promotions, Sms, new FrequencyCap(9, FrequencyPeriod.Week)), Today).Should().Be(2);
        ledger.Count("alice", new CapScope(News, Email, new FrequencyCap(9, FrequencyPeriod.Week)), Today).Should().Be(0);
        ledger.Count("alice", new CapScope(CapScope.AllPurposes, SymbolTable.AllChannels, new FrequencyCap(9, FrequencyPeriod.Week)), Today).Should().Be(4);
        ledger.Count("alice", new CapScope(CapScope.AllPurposes, Sms, new FrequencyCap(9, FrequencyPeriod.Month)), Today).Should().Be(3, "25 November is in another week and another month");
        ledger.Count("carol", new CapScope(CapScope.AllPurposes, Sms, new FrequencyCap(9, FrequencyPeriod.Month)), Today).Should().Be(0);
    }

    [Fact]
    public void A_full_cap_refuses_and_adds_nothing_and_every_cap_given_must_have_room()
    {
        var ledger = new SendLedger();
        var smsWeek = new CapScope(Marketing, Sms, new FrequencyCap(2, FrequencyPeriod.Week));
        var anyDay = new CapScope(CapScope.AllPurposes, SymbolTable.AllChannels, new FrequencyCap(3, FrequencyPeriod.Day));

        Reserve(ledger, "alice", MarketingLineage, Email, Today, [anyDay]).Should().BeTrue();
        Reserve(ledger, "alice", MarketingLineage, Sms, Today, [smsWeek, anyDay]).Should().BeTrue();
        Reserve(ledger, "alice", MarketingLineage, Sms, Today, [smsWeek, anyDay]).Should().BeTrue();
        Reserve(ledger, "alice", MarketingLineage, Email, Today, [anyDay]).Should().BeFalse("three today, on any channel");
        ledger.Count("alice", anyDay, Today).Should().Be(3, "a refused send is not counted");
        Reserve(ledger, "alice", MarketingLineage, Sms, Today + 1, [smsWeek, anyDay]).Should().BeFalse("two sms this week");
        Reserve(ledger, "alice", MarketingLineage, Email, Today + 1, [anyDay]).Should().BeTrue("a new day");
    }

    [Fact]
    public void Removing_forgetting_and_sweeping_keep_memory_to_people_with_current_sends()
    {
        var ledger = new SendLedger();
        Guid alices = Reserve(ledger, "alice", MarketingLineage, Sms, Today - 40);
        Reserve(ledger, "bob", MarketingLineage, Sms, Today);
        Guid carols = Reserve(ledger, "carol", MarketingLineage, Sms, Today);
        ledger.People.Should().Be(3);

        ledger.Remove("carol", carols).Should().BeTrue();
        ledger.Remove("carol", carols).Should().BeFalse();
        ledger.Remove("dave", carols).Should().BeFalse();
        ledger.Forget("bob");
        ledger.Count("bob", new CapScope(CapScope.AllPurposes, SymbolTable.AllChannels, new FrequencyCap(9, FrequencyPeriod.Month)), Today).Should().Be(0);
        ledger.Sweep(Today);

        ledger.People.Should().Be(0, "alice's only send is from October, carol released hers, bob was forgotten");
        ledger.Remove("alice", alices).Should().BeFalse();
    }

    [Fact]
    public void A_sweep_keeps_the_people_with_current_sends_and_what_they_count()
    {
        var ledger = new SendLedger();
        var smsWeek = new CapScope(Marketing, Sms, new FrequencyCap(2, FrequencyPeriod.Week));
        Reserve(ledger, "alice", MarketingLineage, Sms, Today - 40);
        Reserve(ledger, "alice", MarketingLineage, Sms, Today - 1);
        Reserve(ledger, "bob", MarketingLineage, Sms, Today - 40);

        ledger.Sweep(Today);

        ledger.People.Should().Be(1, "bob has nothing left in a current period");
        ledger.Count("alice", smsWeek, Today).Should().Be(1, "Tuesday's send is kept, October's dropped");
        Reserve(ledger, "alice", MarketingLineage, Sms, Today, [smsWeek]).Should().BeTrue();
        Reserve(ledger, "alice", MarketingLineage, Sms, Today, [smsWeek]).Should().BeFalse("the swept person still holds Tuesday's send");
    }

    [Fact]
    public void Any_of_a_persons_sends_can_be_taken_back_and_forgetting_someone_unknown_changes_nothing()
    {
        var ledger = new SendLedger();
        var smsWeek = new CapScope(Marketing, Sms, new FrequencyCap(9, FrequencyPeriod.Week));
        Guid first = Reserve(ledger, "alice", MarketingLineage, Sms, Today);
        Guid second = Reserve(ledger, "alice", MarketingLineage, Sms, Today);
        Guid third = Reserve(ledger, "alice", MarketingLineage, Sms, Today);

        ledger.Remove("alice", Guid.CreateVersion7()).Should().BeFalse("not one of hers");
        ledger.Remove("alice", third).Should().BeTrue();
        ledger.Remove("alice", second).Should().BeTrue();
        ledger.Count("alice", smsWeek, Today).Should().Be(1);
        ledger.Remove("alice", first).Should().BeTrue();

        ledger.Forget("nobody");
        ledger.People.Should().Be(1, "alice is kept, with no sends, until the sweep");
    }

    [Fact]
    public async Task A_send_counted_while_the_sweep_drops_its_person_is_never_lost()
    {
        var smsDay = new CapScope(Marketing, Sms, new FrequencyCap(1, FrequencyPeriod.Day));
        var old = new Reservation(Guid.CreateVersion7(), Today - 40, MarketingLineage, Sms);
        for (int round = 0; round < 500; round++)
        {
            var ledger = new SendLedger();
            for (int i = 0; i < 1_000; i++)
            {
                ledger.Restore("alice", old, Today - 40);   // nothing current: the sweep drops her, after a while under her lock
            }

            using var start = new Barrier(2);
            Task sweep = Task.Run(() =>
            {
                start.SignalAndWait();
                ledger.Sweep(Today);
            });
            start.SignalAndWait();
            bool reserved = ledger.TryReserve("alice", new Reservation(Guid.CreateVersion7(), Today, MarketingLineage, Sms), [smsDay], Today);
            await sweep;

            reserved.Should().BeTrue();
            ledger.Count("alice", smsDay, Today).Should().Be(1, $"round {round}: the send counted today is held whatever the order");
        }
    }

    [Fact]
    public void Restore_keeps_only_sends_that_still_count()
    {
        var ledger = new SendLedger();
        ledger.Restore("alice", new Reservation(Guid.CreateVersion7(), Today - 35, MarketingLineage, Sms), Today);
        ledger.People.Should().Be(0);
        ledger.Restore("alice", new Reservation(Guid.CreateVersion7(), Today - 1, MarketingLineage, Sms), Today);
        ledger.Count("alice", new CapScope(Marketing, Sms, new FrequencyCap(9, FrequencyPeriod.Week)), Today).Should().Be(1);
    }

    private static Guid Reserve(SendLedger ledger, string user, int[] lineage, int channel, int day)
    {
        var send = new Reservation(Guid.CreateVersion7(), day, lineage, channel);
        ledger.TryReserve(user, send, [], Today).Should().BeTrue();
        return send.Id;
    }

    private static bool Reserve(SendLedger ledger, string user, int[] lineage, int channel, int day, CapScope[] caps) =>
        ledger.TryReserve(user, new Reservation(Guid.CreateVersion7(), day, lineage, channel), caps, day);
}
