using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Preferences;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.Tests.Preferences;

/// <summary>
/// The send guard over its ledger store (the seam that lets it count without SQLite): what it keeps there and when, what
/// a store that fails takes back, how releases and erasures come back from it.
/// </summary>
public sealed class SendGuardStoreTests
{
    /// <summary>Wednesday 2026-12-02 10:00 UTC.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_allowed_send_is_kept_in_the_store_before_the_guard_answers_and_a_refused_one_never_reaches_it()
    {
        var (guard, store, _) = Guard(cap: 1);

        SendDecision allowed = await guard.ReserveAsync("alice", "marketing.promotions", "sms");
        SendDecision capped = await guard.ReserveAsync("alice", "marketing", "sms");
        SendDecision denied = await guard.ReserveAsync("bob", "marketing", "sms");
        SendDecision contract = await guard.ReserveAsync("bob", "order-status", "sms");

        allowed.Should().Be(new SendDecision(true, DecisionReason.Granted, allowed.ReservationId));
        capped.Should().Be(new SendDecision(false, DecisionReason.FrequencyCapped, null));
        denied.Should().Be(new SendDecision(false, DecisionReason.NoConsent, null));
        contract.Should().Be(new SendDecision(true, DecisionReason.LegalBasis, null));
        store.Held.Should().ContainSingle();
        store.Held[allowed.ReservationId!.Value].Should().Be(("alice", "marketing.promotions", "sms", Wednesday.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task A_store_that_fails_takes_the_count_back_and_the_failure_reaches_the_caller()
    {
        var (guard, store, _) = Guard(cap: 1);
        store.Fail = new InvalidOperationException("disk full");

        Func<Task> reserve = async () => await guard.ReserveAsync("alice", "marketing", "sms");

        await reserve.Should().ThrowAsync<InvalidOperationException>().WithMessage("disk full");
        store.Fail = null;
        (await guard.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue("the failed send was not counted");
    }

    [Fact]
    public async Task A_release_the_store_confirms_gives_the_place_back_and_one_it_refuses_does_not()
    {
        var (guard, store, clock) = Guard(cap: 1);
        SendDecision first = await guard.ReserveAsync("alice", "marketing", "sms");

        await guard.ReleaseAsync(first.ReservationId!.Value);
        store.Held.Should().BeEmpty();
        SendDecision second = await guard.ReserveAsync("alice", "marketing", "sms");
        second.IsAllowed.Should().BeTrue();

        await guard.ReleaseAsync(Guid.CreateVersion7());   // unknown: nothing changes
        (await guard.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);

        clock.Advance(TimeSpan.FromDays(40));   // its week and month are over: the release is refused
        await guard.ReleaseAsync(second.ReservationId!.Value);
        store.Held.Should().ContainKey(second.ReservationId.Value);
    }

    [Fact]
    public async Task A_person_the_store_erases_is_forgotten_by_the_counts()
    {
        var (guard, store, _) = Guard(cap: 1);
        await guard.ReserveAsync("alice", "marketing", "sms");

        store.Erase("alice");

        (await guard.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task A_reservation_cancelled_before_it_starts_throws_and_counts_nothing()
    {
        var (guard, store, _) = Guard(cap: 1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Func<Task> reserve = async () => await guard.ReserveAsync("alice", "marketing", "sms", cancelled.Token);

        await reserve.Should().ThrowAsync<OperationCanceledException>();
        store.Held.Should().BeEmpty();
        (await guard.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue("the cancelled send was not counted");
    }

    [Fact]
    public async Task The_first_reservation_of_a_new_day_drops_the_sends_whose_periods_are_over_in_memory_and_in_the_store()
    {
        var ledger = new SendLedger();
        var (guard, store, clock) = Guard(cap: 1, ledger);
        (await guard.ReserveAsync("carol", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await guard.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        ledger.People.Should().Be(2);

        clock.Advance(TimeSpan.FromDays(40));   // carol's week and month are over
        (await guard.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();

        long horizon = (clock.GetUtcNow() - TimeSpan.FromDays(40)).ToUnixTimeMilliseconds();
        await EventuallyAsync(() => store.Pruned.Count == 1 && ledger.People == 1, "the background sweep runs");
        store.Pruned.Should().Equal(horizon);

        (await guard.ReserveAsync("alice", "marketing", "email")).IsAllowed.Should().BeTrue();
        (await guard.ReserveAsync("carol", "marketing", "email")).IsAllowed.Should().BeTrue();

        clock.Advance(TimeSpan.FromDays(1));
        (await guard.ReserveAsync("alice", "marketing", "email")).IsAllowed.Should().BeTrue();
        await EventuallyAsync(() => store.Pruned.Count >= 2, "the next day's sweep runs");
        store.Pruned.Should().Equal([horizon, horizon + 86_400_000], "one sweep a day, on its first reservation, none on the day the guard opened");
    }

    [Fact]
    public async Task Send_decisions_are_counted_by_reason_while_observed()
    {
        var (guard, _, _) = Guard(cap: 1);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Cpm.Sdk" && instrument.Name == "cpm.gate.decisions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.Start();
        long before = DecisionCounts.Total(DecisionReason.FrequencyCapped);

        (await guard.ReserveAsync("alice", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await guard.ReserveAsync("alice", "marketing", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
        (await guard.ReserveAsync("alice", "marketing.promotions", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);

        (DecisionCounts.Total(DecisionReason.FrequencyCapped) - before).Should().BeGreaterThanOrEqualTo(2, "each capped send is counted (other tests may count theirs too)");
    }

    public static TheoryData<string?, string?, string?, string> NullArguments() => new()
    {
        { null, "marketing", "sms", "userId" },
        { "alice", null, "sms", "purpose" },
        { "alice", "marketing", null, "channel" },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public async Task A_null_argument_is_an_ArgumentNullException_naming_it(string? userId, string? purpose, string? channel, string parameter)
    {
        var (guard, store, _) = Guard(cap: 1);

        Func<Task> reserve = async () => await guard.ReserveAsync(userId!, purpose!, channel!);

        (await reserve.Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be(parameter);
        store.Held.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Marketing", "sms", "purpose", "Purpose 'Marketing' must match")]
    [InlineData("marketing!", "sms", "purpose", "Purpose 'marketing!' must match")]
    [InlineData("marketing", "*", "channel", "Channel '*' must match")]
    [InlineData("marketing", "SMS", "channel", "Channel 'SMS' must match")]
    public async Task A_malformed_purpose_or_channel_is_quoted_in_the_message(string purpose, string channel, string parameter, string message)
    {
        var (guard, _, _) = Guard(cap: 1);

        Func<Task> reserve = async () => await guard.ReserveAsync("alice", purpose, channel);

        ArgumentException thrown = (await reserve.Should().ThrowExactlyAsync<ArgumentException>()).Which;
        thrown.ParamName.Should().Be(parameter);
        thrown.Message.Should().StartWith(message);
        if (parameter == "channel")
        {
            thrown.Message.Should().Contain("one channel, not *");
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds: the sweep runs on a thread-pool thread.</summary>
    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            timeout.IsCancellationRequested.Should().BeFalse($"not reached within 10 s: {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }
    }

    private static (SendGuard Guard, FakeStore Store, FakeTimeProvider Clock) Guard(int cap, SendLedger? ledger = null)
    {
        var clock = new FakeTimeProvider(Wednesday);
        var symbols = new SymbolTable();
        Catalog catalog = Catalog.Create(
            [new PurposeDefinition { Id = "marketing" }, new PurposeDefinition { Id = "order-status", LegalBasis = LegalBasis.Contract }],
            ["sms", "email"],
            symbols);
        var index = new ConsentIndex();
        var grant = new IndexEntry(
            Guid.CreateVersion7(Wednesday), Wednesday.ToUnixTimeMilliseconds(), IndexEntry.Never, symbols.Intern("marketing"), SymbolTable.AllChannels, 1, ConsentChoice.Granted);
        index.Set("alice", [grant]);
        index.Set("carol", [grant]);
        var gate = new ConsentGate(catalog, index, clock);
        var store = new FakeStore();
        var calendar = new CalendarPeriods(TimeZoneInfo.Utc);
        var guard = new SendGuard(gate, store, ledger ?? new SendLedger(), calendar, [new FrequencyRule("sms", cap, FrequencyPeriod.Week)], symbols, clock);
        return (guard, store, clock);
    }

    /// <summary>A ledger store in a dictionary, which can be told to fail.</summary>
    private sealed class FakeStore : ILedgerStore
    {
        public ConcurrentDictionary<Guid, (string UserId, string Purpose, string Channel, long ReservedAtMs)> Held { get; } = new();

        public Exception? Fail { get; set; }

        public ConcurrentQueue<long> Pruned { get; } = new();

        public event Action<string>? UserErased;

        public void Erase(string userId)
        {
            foreach (var held in Held.Where(h => h.Value.UserId == userId))
            {
                Held.TryRemove(held.Key, out _);
            }

            UserErased?.Invoke(userId);
        }

        public ValueTask ReserveAsync(Guid id, string userId, string purpose, string channel, long reservedAtMs, CancellationToken cancellationToken)
        {
            if (Fail is { } failure)
            {
                throw failure;
            }

            Held[id] = (userId, purpose, channel, reservedAtMs);
            return ValueTask.CompletedTask;
        }

        public ValueTask<string?> ReleaseAsync(Guid id, Func<long, bool> stillCounts, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Held.TryGetValue(id, out var held) && stillCounts(held.ReservedAtMs) && Held.TryRemove(id, out _) ? held.UserId : null);

        public Task PruneAsync(long beforeMs)
        {
            Pruned.Enqueue(beforeMs);
            return Task.CompletedTask;
        }
    }
}
