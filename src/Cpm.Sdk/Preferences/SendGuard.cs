using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Model.Validation;
using Cpm.Sdk.Storage;

namespace Cpm.Sdk.Preferences;

/// <summary>
/// The send guard (DESIGN.md, "Frequency is part of a grant"): the gate first; then the cap of the grant that decided and
/// every business rule that matches the send, the fewest sends first; a full period denies with
/// <see cref="DecisionReason.FrequencyCapped"/>, room counts the send. The count is taken in memory under the lock that
/// holds the person (so concurrent reservations never overshoot) and kept by the <see cref="ILedgerStore"/> before the
/// guard answers (in a client, the single writer's commit, so an acknowledged reservation survives a crash); a write that
/// fails takes it back. Contract and legal-obligation purposes are never capped nor counted. Counts are this instance's own.
/// </summary>
internal sealed class SendGuard : ISendGuard
{
    /// <summary>How far back a reservation can still count: a month and a week that started in the month before.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(40);

    private readonly ConsentGate _gate;
    private readonly ILedgerStore _store;
    private readonly SendLedger _ledger;
    private readonly CalendarPeriods _calendar;
    private readonly TimeProvider _clock;
    private readonly CapScope[] _rules;
    private int _sweptDay;

    public SendGuard(
        ConsentGate gate, ILedgerStore store, SendLedger ledger, CalendarPeriods calendar, IEnumerable<FrequencyRule> rules, SymbolTable symbols, TimeProvider clock)
    {
        _gate = gate;
        _store = store;
        _ledger = ledger;
        _calendar = calendar;
        _clock = clock;
        // Stryker disable once Linq : equivalent. Every matching cap must have room, so the order they are checked in only decides which full one is found first.
        _rules = [.. rules
            .Select(r => new CapScope(
                r.Purpose is null ? CapScope.AllPurposes : symbols.Intern(r.Purpose),
                // Stryker disable once Conditional : equivalent. The symbol table interns "*" as AllChannels.
                r.Channel == SymbolTable.AllChannelsText ? SymbolTable.AllChannels : symbols.Intern(r.Channel),
                r.Cap))
            .OrderBy(r => r.Cap.MaxSends)
            .ThenBy(r => r.Cap.Period)];
        _sweptDay = calendar.DayOf(clock.GetUtcNow());
        store.UserErased += ledger.Forget;
    }

    /// <summary>The earliest reservation time that can still count at <paramref name="now"/>: what open reads back.</summary>
    public static long HorizonMs(DateTimeOffset now) => (now - Horizon).ToUnixTimeMilliseconds();

    public async ValueTask<SendDecision> ReserveAsync(string userId, string purpose, string channel, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(userId, purpose, channel);
        cancellationToken.ThrowIfCancellationRequested();
        ConsentDecision decision = _gate.EvaluateForSend(userId, purpose, channel, out SendContext send);
        if (!decision.IsAllowed)
        {
            return Decided(false, decision.Reason, null);
        }

        if (decision.Reason == DecisionReason.LegalBasis)
        {
            return Decided(true, decision.Reason, null);   // a contract or legal obligation: never capped, never counted
        }

        DateTimeOffset now = _clock.GetUtcNow();
        int today = _calendar.DayOf(now);
        SweepIfNewDay(today, now);
        var reservation = new Reservation(Guid.CreateVersion7(now), today, send.Rule.Lineage, send.Channel);
        if (!TryCount(userId, reservation, send, today))
        {
            return Decided(false, DecisionReason.FrequencyCapped, null);
        }

        try
        {
            await _store.ReserveAsync(reservation.Id, userId, purpose, channel, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ledger.Remove(userId, reservation.Id);   // not written: not counted
            throw;
        }

        return Decided(true, decision.Reason, reservation.Id);
    }

    /// <summary>A send's decision, counted by its reason (<c>cpm.gate.decisions</c>).</summary>
    private static SendDecision Decided(bool allowed, DecisionReason reason, Guid? reservationId)
    {
        DecisionCounts.Count(reason);
        return new SendDecision(allowed, reason, reservationId);
    }

    public async ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken = default)
    {
        int today = _calendar.DayOf(_clock.GetUtcNow());
        string? userId = await _store.ReleaseAsync(
            reservationId,
            reservedAtMs => CalendarPeriods.StillCounts(_calendar.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(reservedAtMs)), today),
            cancellationToken).ConfigureAwait(false);
        if (userId is not null)
        {
            _ledger.Remove(userId, reservationId);
        }
    }

    /// <summary>Counts the send if the grant's cap and every matching rule have room; the caps on the stack when few.</summary>
    private bool TryCount(string userId, in Reservation reservation, in SendContext send, int today)
    {
        int most = _rules.Length + 1;
        // Stryker disable once Conditional,Equality : equivalent. The caps go on the stack when few and on the heap otherwise: the same span either way.
        Span<CapScope> caps = most <= 16 ? stackalloc CapScope[most] : new CapScope[most];
        int at = 0;
        if (send.Cap is { } own)
        {
            caps[at++] = new CapScope(send.CapPurpose, send.CapChannel, own);
        }

        foreach (CapScope rule in _rules)
        {
            if (rule.Covers(send.Rule.Lineage, send.Channel))
            {
                caps[at++] = rule;
            }
        }

        return _ledger.TryReserve(userId, reservation, caps[..at], today);
    }

    /// <summary>Once a day, drops the sends whose periods are over, in memory and in the store, in the background.</summary>
    private void SweepIfNewDay(int today, DateTimeOffset now)
    {
        int swept = Volatile.Read(ref _sweptDay);
        if (swept != today && Interlocked.CompareExchange(ref _sweptDay, today, swept) == swept)
        {
            StartSweep(today, now);
        }
    }

    /// <summary>
    /// The sweep, in the background. Its own method because the lambda's captures are allocated on entry to the method
    /// that declares them: here only once a day, not on every reservation.
    /// </summary>
    private void StartSweep(int today, DateTimeOffset now)
    {
        _ = Task.Run(async () =>
        {
            _ledger.Sweep(today);
            // Stryker disable once Equality : equivalent. Nothing awaits this task: an exception the filter lets through is left unobserved, as the caught ones are dropped.
            try
            {
                await _store.PruneAsync(HorizonMs(now)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or CpmStoreException)
            {
                // The client closed, or the commit failed: the rows are pruned by a later sweep; they count for nothing.
            }
        });
    }

    private static void ThrowIfInvalid(string userId, string purpose, string channel)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(channel);
        if (FieldRules.UserIdProblem(userId) is { } user)
        {
            throw new ArgumentException(user, nameof(userId));
        }

        if (!Identifier.IsValid(purpose))
        {
            throw new ArgumentException($"Purpose '{purpose}' must match {Identifier.Pattern}.", nameof(purpose));
        }

        if (!Identifier.IsValid(channel))
        {
            throw new ArgumentException($"Channel '{channel}' must match {Identifier.Pattern} (a send goes out on one channel, not *).", nameof(channel));
        }
    }
}
