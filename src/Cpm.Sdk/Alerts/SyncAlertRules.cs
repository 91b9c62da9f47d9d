using System.Globalization;

namespace Cpm.Sdk.Alerts;

/// <summary>
/// Decides which sync alerts hold, and says why in words that carry counts, ages and limits only: never a user id,
/// evidence, the API key or anything the endpoint wrote.
/// </summary>
internal static class SyncAlertRules
{
    /// <summary>The kinds these rules decide, in the order they are looked at.</summary>
    public static readonly AlertKind[] Kinds =
        [AlertKind.OutboxBacklog, AlertKind.PullStale, AlertKind.DeadLetters, AlertKind.AuthFailed, AlertKind.HistoryRewritten];

    public static bool Holds(AlertKind kind, in SyncFacts facts, DateTimeOffset now, DateTimeOffset openedAt, AlertOptions options) => kind switch
    {
        AlertKind.OutboxBacklog => facts.Endpoint && facts.OutboxDepth > 0 && facts.OldestOutboxAt is { } oldest
            && now - oldest > options.OutboxBacklogAge,
        AlertKind.PullStale => facts.Endpoint && now - (facts.LastPullAt ?? openedAt) > options.PullStaleAfter,
        AlertKind.DeadLetters => facts.DeadLetters + facts.Parked > 0,
        AlertKind.AuthFailed => facts.Stop == SyncState.AuthFailed,
        _ => facts.Stop == SyncState.HistoryRewritten,
    };

    public static string Detail(AlertKind kind, in SyncFacts facts, DateTimeOffset now, DateTimeOffset openedAt, AlertOptions options) => kind switch
    {
        AlertKind.OutboxBacklog => Invariant(
            $"the oldest of {facts.OutboxDepth} records waiting in the outbox was queued {Minutes(now - facts.OldestOutboxAt!.Value)} ago (limit {Minutes(options.OutboxBacklogAge)})"),
        AlertKind.PullStale => facts.LastPullAt is { } last
            ? Invariant($"no pull has succeeded for {Minutes(now - last)} (limit {Minutes(options.PullStaleAfter)})")
            : Invariant($"no pull has succeeded since the client opened {Minutes(now - openedAt)} ago (limit {Minutes(options.PullStaleAfter)})"),
        AlertKind.DeadLetters => Invariant(
            $"{facts.DeadLetters} records rejected by the endpoint and {facts.Parked} pulled events that cannot be merged are kept; GetDeadLettersAsync lists them"),
        AlertKind.AuthFailed => "the endpoint refused the API key; sync is stopped until a SyncNowAsync round succeeds",
        _ => "the endpoint's signed log is not consistent with the checkpoint kept; the pull is stopped until a SyncNowAsync round proves it consistent",
    };

    /// <summary>A duration in minutes, to one decimal.</summary>
    public static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
